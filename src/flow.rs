//! The guided setup as a pure state machine.
