//! Leaving when the terminal goes away. crossterm 0.29 re-reads a hung-up
//! terminal forever inside the event stream's poll (crossterm-rs/crossterm
//! issue 793), so the event loop never sees the SIGHUP that comes with the
//! hangup and the process would spin at full CPU. A guard thread watches for
//! the hangup (SIGHUP, SIGTERM, or standard output hung up or no longer a
//! terminal) and, if the event loop has not finished within a grace period,
//! puts the terminal back as far as it can and exits.

use std::io::IsTerminal;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

/// How often the guard looks.
const CHECK: Duration = Duration::from_millis(200);
/// How long the event loop gets to finish by itself.
pub const GRACE: Duration = Duration::from_secs(2);

/// Why the terminal is considered gone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gone {
    Hangup,
    Terminated,
}

impl Gone {
    /// The conventional exit status for a process ended by this signal.
    pub fn exit_code(self) -> i32 {
        match self {
            Gone::Hangup => 128 + 1,
            Gone::Terminated => 128 + 15,
        }
    }
}

/// Stops the guard when dropped (the event loop finished by itself). The
/// thread is not waited for, so quitting is not delayed by its next look.
pub struct Guard {
    done: Arc<AtomicBool>,
}

impl Drop for Guard {
    fn drop(&mut self) {
        self.done.store(true, Ordering::SeqCst);
    }
}

/// Watches the real terminal and signals; on a hangup the event loop does
/// not survive, `leave` runs (restore the terminal and exit).
pub fn guard(leave: impl FnOnce(Gone) + Send + 'static) -> std::io::Result<Guard> {
    let hup = Arc::new(AtomicBool::new(false));
    let term = Arc::new(AtomicBool::new(false));
    signal_hook::flag::register(signal_hook::consts::SIGHUP, hup.clone())?;
    signal_hook::flag::register(signal_hook::consts::SIGTERM, term.clone())?;
    let probe = move || {
        if term.load(Ordering::SeqCst) {
            Some(Gone::Terminated)
        } else if hup.load(Ordering::SeqCst) || hung_up() {
            Some(Gone::Hangup)
        } else {
            None
        }
    };
    Ok(watch(probe, CHECK, GRACE, leave))
}

/// Whether the terminal on standard output has hung up or gone: a closed
/// pseudo-terminal stays a terminal but polls as hung up.
pub fn hung_up() -> bool {
    let stdout = std::io::stdout();
    if !stdout.is_terminal() {
        return true;
    }
    #[cfg(unix)]
    {
        use rustix::event::{PollFd, PollFlags, Timespec, poll};
        let mut fds = [PollFd::new(&stdout, PollFlags::empty())];
        let now = Timespec { tv_sec: 0, tv_nsec: 0 };
        if poll(&mut fds, Some(&now)).is_ok_and(|n| n > 0) {
            return fds[0].revents().intersects(PollFlags::HUP | PollFlags::NVAL);
        }
    }
    false
}

/// The guard's logic with its inputs made explicit: `probe` says whether
/// the terminal is gone; once it is, `leave` runs unless the guard is
/// dropped within `grace`.
pub fn watch(
    probe: impl Fn() -> Option<Gone> + Send + 'static,
    every: Duration,
    grace: Duration,
    leave: impl FnOnce(Gone) + Send + 'static,
) -> Guard {
    let done = Arc::new(AtomicBool::new(false));
    let finished = done.clone();
    let _ = std::thread::Builder::new().name("hangup-guard".into()).spawn(move || {
        let mut since: Option<(Instant, Gone)> = None;
        while !finished.load(Ordering::SeqCst) {
            match since {
                None => since = probe().map(|why| (Instant::now(), why)),
                Some((at, why)) if at.elapsed() >= grace => {
                    leave(why);
                    return;
                }
                Some(_) => {}
            }
            std::thread::sleep(every);
        }
    });
    Guard { done }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::mpsc;

    const FAST: Duration = Duration::from_millis(5);

    #[test]
    fn a_gone_terminal_makes_the_guard_leave_after_the_grace_period() {
        let (tx, rx) = mpsc::channel();
        let _guard = watch(
            || Some(Gone::Hangup),
            FAST,
            Duration::from_millis(50),
            move |why| {
                tx.send(why).unwrap();
            },
        );
        assert_eq!(rx.recv_timeout(Duration::from_secs(10)), Ok(Gone::Hangup));
    }

    #[test]
    fn an_event_loop_that_finishes_in_time_is_not_interrupted() {
        let (tx, rx) = mpsc::channel::<Gone>();
        let guard = watch(
            || Some(Gone::Terminated),
            FAST,
            Duration::from_secs(3600),
            move |why| {
                tx.send(why).unwrap();
            },
        );
        std::thread::sleep(Duration::from_millis(30));
        drop(guard);
        assert!(rx.recv_timeout(Duration::from_millis(50)).is_err());
    }

    #[test]
    fn a_live_terminal_is_left_alone() {
        let (tx, rx) = mpsc::channel::<Gone>();
        let guard = watch(
            || None,
            FAST,
            Duration::ZERO,
            move |why| {
                tx.send(why).unwrap();
            },
        );
        std::thread::sleep(Duration::from_millis(30));
        drop(guard);
        assert!(rx.try_recv().is_err());
    }

    #[test]
    fn exit_codes_follow_the_signal_convention() {
        assert_eq!(Gone::Hangup.exit_code(), 129);
        assert_eq!(Gone::Terminated.exit_code(), 143);
    }
}
