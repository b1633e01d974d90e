//! Heroku services emulator.
