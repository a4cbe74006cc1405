//! The real binary in a pseudo-terminal, with a vt100 emulator to read the
//! screen as a person sees it.

use std::io::{Read, Write};
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

pub struct Pty {
    pub master: Box<dyn MasterPty + Send>,
    child: Box<dyn Child + Send + Sync>,
    writer: Box<dyn Write + Send>,
    bytes: Arc<Mutex<Vec<u8>>>,
    /// Copies the program's output into `bytes`; it ends when the terminal's
    /// output ends, once the program and everything holding the terminal
    /// have gone.
    copier: JoinHandle<()>,
    /// The emulator, and how many of `bytes` it has read: each look at the
    /// screen reads only what came since the last (reading everything again
    /// made a late look take milliseconds, and timed keys seem slower).
    emulator: Mutex<(vt100::Parser, usize)>,
}

impl Pty {
    /// Starts `counterpoint` with `args` in a `cols`×`rows` terminal, its
    /// home and state under `home`.
    pub fn spawn(args: &[&str], home: &Path, cols: u16, rows: u16) -> Pty {
        Pty::spawn_with_term(args, home, cols, rows, "xterm-256color")
    }

    /// [`Pty::spawn`] with another `TERM`.
    pub fn spawn_with_term(args: &[&str], home: &Path, cols: u16, rows: u16, term: &str) -> Pty {
        Pty::spawn_program(
            env!("CARGO_BIN_EXE_counterpoint").as_ref(),
            args,
            home,
            cols,
            rows,
            term,
        )
    }

    /// Another program (another reader, for the benchmark) in a terminal as
    /// [`Pty::spawn_with_term`] starts counterpoint.
    pub fn spawn_program(program: &Path, args: &[&str], home: &Path, cols: u16, rows: u16, term: &str) -> Pty {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
        let mut cmd = CommandBuilder::new(program);
        for a in args {
            cmd.arg(a);
        }
        cmd.env("TERM", term);
        cmd.env("HOME", home);
        cmd.env("XDG_STATE_HOME", home.join("state"));
        cmd.env("XDG_CONFIG_HOME", home.join("config"));
        cmd.env_remove("NO_COLOR");
        let child = pair.slave.spawn_command(cmd).unwrap();
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().unwrap();
        let writer = pair.master.take_writer().unwrap();
        let bytes = Arc::new(Mutex::new(Vec::new()));
        let sink = bytes.clone();
        let copier = std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            loop {
                match reader.read(&mut buf) {
                    Ok(0) => break,
                    Ok(n) => sink.lock().unwrap().extend_from_slice(&buf[..n]),
                    Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                    // A pseudo-terminal whose other side has closed reads as EIO.
                    Err(_) => break,
                }
            }
        });
        Pty {
            master: pair.master,
            child,
            writer,
            bytes,
            copier,
            emulator: Mutex::new((vt100::Parser::new(rows, cols, 0), 0)),
        }
    }

    /// Everything the program wrote to the terminal so far.
    pub fn raw(&self) -> Vec<u8> {
        self.bytes.lock().unwrap().clone()
    }

    /// The screen as a terminal would show it now.
    pub fn screen(&self) -> String {
        self.emulated().0.screen().contents()
    }

    /// The text of the first row below the title bar drawn in reverse
    /// video (the reader's selection), if any.
    pub fn selected_row(&self) -> Option<String> {
        let emulator = self.emulated();
        let screen = emulator.0.screen();
        let (rows, cols) = screen.size();
        (1..rows)
            .find(|&row| (0..cols).any(|col| screen.cell(row, col).is_some_and(|c| c.inverse())))
            .map(|row| screen.contents_between(row, 0, row, cols))
    }

    /// The emulator, having read what the program wrote since the last look.
    fn emulated(&self) -> std::sync::MutexGuard<'_, (vt100::Parser, usize)> {
        let mut emulator = self.emulator.lock().unwrap();
        let (parser, read) = &mut *emulator;
        // Copied out, so that the program's output is not held up while
        // it is read.
        let new = {
            let bytes = self.bytes.lock().unwrap();
            let new = bytes[*read..].to_vec();
            *read = bytes.len();
            new
        };
        parser.process(&new);
        emulator
    }

    pub fn wait_for(&self, needle: &str) {
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(20) {
            if self.screen().contains(needle) {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        panic!("timed out waiting for {needle:?}; the screen had:\n{}", self.screen());
    }

    /// Sends keys without waiting afterwards.
    pub fn send_now(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).unwrap();
        self.writer.flush().unwrap();
    }

    pub fn send(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).unwrap();
        self.writer.flush().unwrap();
        std::thread::sleep(Duration::from_millis(250));
    }

    pub fn pid(&self) -> Option<u32> {
        self.child.process_id()
    }

    /// Waits for the program to exit and for everything it wrote to have
    /// been read (so [`Pty::raw`] and [`Pty::screen`] hold its last bytes);
    /// returns whether it succeeded.
    pub fn wait_exit(&mut self) -> bool {
        let start = Instant::now();
        let success = loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                break status.success();
            }
            assert!(start.elapsed() < Duration::from_secs(10), "the reader did not exit");
            std::thread::sleep(Duration::from_millis(50));
        };
        let exited = Instant::now();
        while !self.copier.is_finished() {
            assert!(
                exited.elapsed() < Duration::from_secs(5),
                "the terminal's output did not end after the reader exited"
            );
            std::thread::sleep(Duration::from_millis(10));
        }
        success
    }

    /// Whether the terminal's line discipline is back in cooked mode with echo.
    pub fn cooked(&self) -> Option<bool> {
        use nix::sys::termios::LocalFlags;
        let t = self.master.get_termios()?;
        Some(t.local_flags.contains(LocalFlags::ICANON) && t.local_flags.contains(LocalFlags::ECHO))
    }
}
