//! The interactive reader. Only this layer draws or reads the terminal.

pub mod app;
pub mod hangup;
pub mod keymap;
pub mod run;
pub mod theme;
pub mod view;
pub mod worker;

pub use run::run;
