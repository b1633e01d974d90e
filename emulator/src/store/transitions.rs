//! The simulated clock moving forward: every timed transition of §6.4 and add-on provisioning.
//!
//! Timers are countdowns, so a paused connection's mapping steps simply stop counting. `advance` jumps straight
//! to the next tick at which something is due; that fires exactly what ticking one by one would, in creation
//! order, without spending ten million loop turns on an idle world.

use std::collections::VecDeque;

use super::seed::org;
use super::validation::rule_errors;
use super::{is_paused_group, Step, Store};

/// Something due at the current tick.
enum Due {
    Addon(String),
    Connection(usize),
    Mapping(usize),
    Poll(usize),
    Job(usize),
}

fn step(state: &str, ticks: Option<u64>) -> Step {
    Step {
        state: state.into(),
        ticks,
    }
}

impl Store {
    /// Moves the clock `ticks` forward, firing due transitions tick by tick.
    pub fn advance(&mut self, ticks: u64) {
        let mut rest = ticks;
        while rest > 0 {
            let k = self.ticks_to_next_event().clamp(1, rest);
            self.tick += k;
            rest -= k;
            self.count_down(k);
            self.fire_due();
        }
    }

    fn mapping_active(&self, m: usize) -> bool {
        let cid = &self.mappings[m].connection_id;
        self.connections
            .iter()
            .find(|c| &c.id == cid)
            .is_some_and(|c| !is_paused_group(&c.state))
    }

    fn poll_due_at(&self, m: usize) -> Option<u64> {
        let map = &self.mappings[m];
        if map.state != "DATA_SYNCED" || map.left.is_some() || !map.steps.is_empty() {
            return None;
        }
        let conn = self
            .connections
            .iter()
            .find(|c| c.id == map.connection_id)?;
        (conn.state == "IDLE").then(|| map.last_poll + map.config.sf_polling_seconds.max(1))
    }

    fn ticks_to_next_event(&self) -> u64 {
        let now = self.tick;
        let until = |at: u64| at.saturating_sub(now).max(1);
        let addons = self.addons.iter().filter_map(|a| a.left);
        let conns = self.connections.iter().filter_map(|c| c.left);
        let maps = (0..self.mappings.len())
            .filter(|&m| self.mapping_active(m))
            .filter_map(|m| self.mappings[m].left);
        let polls = (0..self.mappings.len())
            .filter_map(|m| self.poll_due_at(m))
            .map(until);
        let jobs = self
            .validation_jobs
            .iter()
            .filter(|j| j.result.is_none())
            .map(|j| until(j.created_tick + 1));
        addons
            .chain(conns)
            .chain(maps)
            .chain(polls)
            .chain(jobs)
            .min()
            .unwrap_or(u64::MAX)
    }

    fn count_down(&mut self, k: u64) {
        for a in &mut self.addons {
            a.left = a.left.map(|l| l.saturating_sub(k));
        }
        for c in &mut self.connections {
            c.left = c.left.map(|l| l.saturating_sub(k));
        }
        for m in 0..self.mappings.len() {
            if self.mapping_active(m) {
                let map = &mut self.mappings[m];
                map.left = map.left.map(|l| l.saturating_sub(k));
            }
        }
    }

    fn fire_due(&mut self) {
        let mut due: Vec<(u64, Due)> = Vec::new();
        for a in &self.addons {
            if a.left == Some(0) {
                due.push((a.seq, Due::Addon(a.id.clone())));
            }
        }
        for (i, c) in self.connections.iter().enumerate() {
            if c.left == Some(0) {
                due.push((c.seq, Due::Connection(i)));
            }
        }
        for m in 0..self.mappings.len() {
            if self.mappings[m].left == Some(0) && self.mapping_active(m) {
                due.push((self.mappings[m].seq, Due::Mapping(m)));
            } else if self.poll_due_at(m).is_some_and(|at| at <= self.tick) {
                due.push((self.mappings[m].seq, Due::Poll(m)));
            }
        }
        for (i, j) in self.validation_jobs.iter().enumerate() {
            if j.result.is_none() && self.tick > j.created_tick {
                due.push((j.seq, Due::Job(i)));
            }
        }
        due.sort_by_key(|(seq, _)| *seq);
        for (_, event) in due {
            match event {
                Due::Addon(id) => self.addon_provisioned(&id),
                Due::Connection(i) => {
                    let c = &mut self.connections[i];
                    c.left = None;
                    if let Some(next) = c.next_state.take() {
                        c.state = next;
                    }
                }
                Due::Mapping(m) => self.next_step(m),
                Due::Poll(m) => {
                    // The poll happens now: the next one is due `sf_polling_seconds` after this tick, not after
                    // the tick the poll ends, so polls keep an exact cadence (§6.4).
                    let tick = self.tick;
                    self.mappings[m].last_poll = tick;
                    self.mappings[m].times.sf_poll = Some(tick);
                    self.start_steps(
                        m,
                        vec![
                            step("POLLING_SF_CHANGES", Some(1)),
                            step("DATA_SYNCED", None),
                        ],
                    )
                }
                Due::Job(i) => self.finish_job(i),
            }
        }
    }

    fn next_step(&mut self, m: usize) {
        match self.mappings[m].steps.pop_front() {
            Some(s) => self.enter(m, s),
            None => self.mappings[m].left = None,
        }
    }

    fn enter(&mut self, m: usize, s: Step) {
        let tick = self.tick;
        let records = org()
            .object(&self.mappings[m].object_name)
            .map_or(0, |o| o.records);
        let map = &mut self.mappings[m];
        let after_poll = map.state == "POLLING_SF_CHANGES";
        map.state = s.state;
        map.left = s.ticks;
        map.updated_tick = tick;
        if map.state == "DATA_SYNCED" {
            map.counts.db = records;
            map.counts.sf = records;
            map.counts.pending = 0;
            map.times.db_write = Some(tick);
            // A load, resync or recovery fetched everything, which counts as a poll; a regular poll already
            // recorded its own start.
            if !after_poll {
                map.times.sf_poll = Some(tick);
                map.last_poll = tick;
            }
        }
    }

    /// Puts a mapping on a chain of steps, entering the first at once.
    pub fn start_steps(&mut self, m: usize, steps: Vec<Step>) {
        let mut steps: VecDeque<Step> = steps.into();
        if let Some(first) = steps.pop_front() {
            self.mappings[m].steps = steps;
            self.enter(m, first);
        }
    }

    /// Whether a mapping's stored config passes the §5.4 rules for its connection.
    pub fn mapping_valid(&self, m: usize) -> bool {
        let map = &self.mappings[m];
        let Some(conn) = self.connections.iter().find(|c| c.id == map.connection_id) else {
            return false;
        };
        rule_errors(
            &map.object_name,
            &map.config,
            &conn.plan,
            &self.api_version_of(conn),
            false,
        )
        .is_empty()
    }

    /// The chain a mapping follows after `first` (held `ticks`): a load then `DATA_SYNCED`, or `BAD_CONFIG`.
    pub fn chain(&self, m: usize, first: &str, ticks: u64, load: Option<(&str, u64)>) -> Vec<Step> {
        let mut steps = vec![step(first, Some(ticks))];
        if self.mapping_valid(m) {
            if let Some((state, t)) = load {
                steps.push(step(state, Some(t)));
            }
            steps.push(step("DATA_SYNCED", None));
        } else {
            steps.push(step("BAD_CONFIG", None));
        }
        steps
    }

    /// Sets a connection's state now and, optionally, a later one after `ticks`.
    pub fn set_connection_state(&mut self, c: usize, state: &str, then: Option<(&str, u64)>) {
        let conn = &mut self.connections[c];
        conn.state = state.into();
        conn.next_state = then.map(|(s, _)| s.to_owned());
        conn.left = then.map(|(_, t)| t);
    }
}
