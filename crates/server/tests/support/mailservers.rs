//! Real Dovecot and Postfix on loopback high ports, each from its own temporary directory, following
//! ../shared/mailservers.md. They are started by the test that needs them and stopped when it ends (also
//! when it fails). If they cannot start, the test fails and says why: these tests never pass silently.

use super::certs::{leaf, Kind};
use std::fs;
use std::io::Read;
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const INSTALL: &str = "install them with `cargo xtask test` (as root) or \
    `apt-get install dovecot-imapd dovecot-pop3d postfix`";

/// A free TCP port on 127.0.0.1 (bound, then released for the server to take).
fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

fn run(command: &mut Command) {
    let out = command
        .output()
        .unwrap_or_else(|e| panic!("cannot run {command:?}: {e}; {INSTALL}"));
    assert!(
        out.status.success(),
        "{command:?} failed: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Waits until `addr` greets with `prefix`, or fails with the server's log.
fn wait_for_greeting(addr: SocketAddr, prefix: &str, child: &mut Child, log: &Path) {
    let deadline = Instant::now() + Duration::from_secs(15);
    while Instant::now() < deadline {
        if let Ok(Some(status)) = child.try_wait() {
            panic!(
                "the server exited ({status}) before listening on {addr}:\n{}",
                read(log)
            );
        }
        if let Ok(mut s) = TcpStream::connect_timeout(&addr, Duration::from_millis(500)) {
            let _ = s.set_read_timeout(Some(Duration::from_secs(2)));
            let mut buf = [0u8; 64];
            if let Ok(n) = s.read(&mut buf) {
                if buf.get(..n).is_some_and(|b| b.starts_with(prefix.as_bytes())) {
                    return;
                }
            }
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    panic!("no greeting on {addr} within 15 s:\n{}", read(log));
}

fn read(path: &Path) -> String {
    fs::read_to_string(path).unwrap_or_else(|e| format!("({}: {e})", path.display()))
}

/// Stops a server: SIGTERM, up to 5 s to exit, then SIGKILL.
fn stop(child: &mut Child) {
    let _ = Command::new("kill").args(["-TERM", &child.id().to_string()]).status();
    let deadline = Instant::now() + Duration::from_secs(5);
    while Instant::now() < deadline {
        if let Ok(Some(_)) = child.try_wait() {
            return;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let _ = child.kill();
    let _ = child.wait();
}

/// Writes the test certificate (from the test CA; for localhost, 127.0.0.1 and 127.0.0.2) into `dir`.
fn write_certificate(dir: &Path) -> (PathBuf, PathBuf) {
    let cert = leaf(Kind::Good);
    let (cert_path, key_path) = (dir.join("cert.pem"), dir.join("key.pem"));
    fs::write(&cert_path, &cert.cert_pem).unwrap();
    fs::write(&key_path, cert.key.serialize_pem()).unwrap();
    (cert_path, key_path)
}

/// A temporary directory others (nobody, postfix) can enter.
fn open_tempdir() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    run(Command::new("chmod").arg("755").arg(dir.path()));
    dir
}

/// Dovecot serving IMAP and POP3, plain+STARTTLS and implicit TLS, on 127.0.0.1 and 127.0.0.2, run as
/// nobody. A client on 127.0.0.1 is "secure" to Dovecot (same address as the server); 127.0.0.2 is seen
/// like a remote client.
pub struct Dovecot {
    dir: tempfile::TempDir,
    child: Child,
    pub imap: u16,
    pub imaps: u16,
    pub pop3: u16,
    pub pop3s: u16,
}

impl Dovecot {
    pub fn start() -> Dovecot {
        let dir = open_tempdir();
        let d = dir.path();
        for sub in ["run", "state", "home"] {
            fs::create_dir(d.join(sub)).unwrap();
        }
        let (cert, key) = write_certificate(d);
        let (imap, imaps, pop3, pop3s) = (free_port(), free_port(), free_port(), free_port());
        let conf = format!(
            "base_dir = {d}/run\nstate_dir = {d}/state\nlog_path = {d}/dovecot.log\n\
             default_internal_user = nobody\ndefault_login_user = nobody\ndefault_internal_group = nogroup\n\
             protocols = imap pop3\nlisten = 127.0.0.1, 127.0.0.2\n\
             ssl = yes\nssl_cert = <{cert}\nssl_key = <{key}\ndisable_plaintext_auth = yes\n\
             auth_mechanisms = plain login\n\
             passdb {{\n  driver = static\n  args = password=test-only-password\n}}\n\
             userdb {{\n  driver = static\n  args = uid=65534 gid=65534 home={d}/home\n}}\n\
             service imap-login {{\n  chroot =\n  inet_listener imap {{\n    port = {imap}\n  }}\n  \
             inet_listener imaps {{\n    port = {imaps}\n    ssl = yes\n  }}\n}}\n\
             service pop3-login {{\n  chroot =\n  inet_listener pop3 {{\n    port = {pop3}\n  }}\n  \
             inet_listener pop3s {{\n    port = {pop3s}\n    ssl = yes\n  }}\n}}\n\
             service anvil {{\n  chroot =\n}}\n\
             service auth {{\n  unix_listener auth-client-pf {{\n    mode = 0666\n  }}\n}}\n",
            d = d.display(),
            cert = cert.display(),
            key = key.display(),
        );
        fs::write(d.join("dovecot.conf"), conf).unwrap();
        run(Command::new("chown").args(["-R", "65534:65534"]).arg(d));
        let log = d.join("dovecot.log");
        let out = fs::File::create(d.join("stdout.log")).unwrap();
        let mut child = Command::new("setpriv")
            .args([
                "--reuid=65534",
                "--regid=65534",
                "--clear-groups",
                "dovecot",
                "-F",
                "-c",
            ])
            .arg(d.join("dovecot.conf"))
            .stdout(Stdio::from(out.try_clone().unwrap()))
            .stderr(Stdio::from(out))
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start Dovecot: {e}; {INSTALL}"));
        wait_for_greeting(SocketAddr::from(([127, 0, 0, 1], imap)), "* OK", &mut child, &log);
        wait_for_greeting(SocketAddr::from(([127, 0, 0, 2], pop3)), "+OK", &mut child, &log);
        Dovecot {
            dir,
            child,
            imap,
            imaps,
            pop3,
            pop3s,
        }
    }

    /// The SASL socket Postfix authenticates through.
    pub fn auth_socket(&self) -> PathBuf {
        self.dir.path().join("run/auth-client-pf")
    }
}

impl Drop for Dovecot {
    fn drop(&mut self) {
        stop(&mut self.child);
    }
}

/// Postfix with the three submission services of the recipe: plain with STARTTLS (25), STARTTLS required
/// with AUTH (587), implicit TLS with AUTH (465), on 127.0.0.1. Needs root (its master process does) and
/// a running [`Dovecot`] for AUTH.
pub struct Postfix {
    dir: tempfile::TempDir,
    child: Child,
    pub smtp: u16,
    pub submission: u16,
    pub submissions: u16,
}

impl Postfix {
    pub fn start(dovecot: &Dovecot) -> Postfix {
        let uid = Command::new("id")
            .arg("-u")
            .output()
            .map(|o| o.stdout)
            .unwrap_or_default();
        assert_eq!(
            String::from_utf8_lossy(&uid).trim(),
            "0",
            "Postfix's master process needs root: run these tests as root (CI does)"
        );
        let dir = open_tempdir();
        let d = dir.path();
        for sub in ["queue", "data"] {
            fs::create_dir(d.join(sub)).unwrap();
        }
        run(Command::new("chown").arg("postfix").arg(d.join("data")));
        let (cert, key) = write_certificate(d);
        fs::copy("/etc/postfix/master.cf", d.join("master.cf"))
            .unwrap_or_else(|e| panic!("no /etc/postfix/master.cf ({e}); {INSTALL}"));
        let main = format!(
            "compatibility_level = 3.6\nmyhostname = mx.test.invalid\nmydestination =\n\
             inet_interfaces = 127.0.0.1\ninet_protocols = ipv4\n\
             queue_directory = {d}/queue\ndata_directory = {d}/data\nmaillog_file = /dev/stdout\n\
             smtpd_tls_cert_file = {cert}\nsmtpd_tls_key_file = {key}\nsmtpd_tls_security_level = may\n\
             smtpd_tls_auth_only = yes\nsmtpd_sasl_type = dovecot\nsmtpd_sasl_path = {sasl}\n\
             smtpd_relay_restrictions = permit_sasl_authenticated, reject_unauth_destination\n",
            d = d.display(),
            cert = cert.display(),
            key = key.display(),
            sasl = dovecot.auth_socket().display(),
        );
        fs::write(d.join("main.cf"), main).unwrap();
        let (smtp, submission, submissions) = (free_port(), free_port(), free_port());
        let postconf = |args: &[&str]| run(Command::new("postconf").arg("-c").arg(d).args(args));
        postconf(&["-M#", "smtp/inet"]);
        for (port, options) in [
            (smtp, ""),
            (
                submission,
                " -o smtpd_tls_security_level=encrypt -o smtpd_sasl_auth_enable=yes",
            ),
            (
                submissions,
                " -o smtpd_tls_wrappermode=yes -o smtpd_sasl_auth_enable=yes",
            ),
        ] {
            let service = format!("127.0.0.1:{port}/inet=127.0.0.1:{port} inet n - n - - smtpd{options}");
            postconf(&["-M", &service]);
        }
        postconf(&["-F", "*/*/chroot = n"]);
        run(Command::new("postfix").arg("-c").arg(d).arg("check"));
        let log = d.join("postfix.log");
        let out = fs::File::create(&log).unwrap();
        let mut child = Command::new("postfix")
            .arg("-c")
            .arg(d)
            .arg("start-fg")
            .stdin(Stdio::null())
            .stdout(Stdio::from(out.try_clone().unwrap()))
            .stderr(Stdio::from(out))
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start Postfix: {e}; {INSTALL}"));
        for port in [smtp, submission] {
            wait_for_greeting(SocketAddr::from(([127, 0, 0, 1], port)), "220", &mut child, &log);
        }
        Postfix {
            dir,
            child,
            smtp,
            submission,
            submissions,
        }
    }
}

impl Drop for Postfix {
    fn drop(&mut self) {
        // `postfix stop` signals this instance's master (found through its own queue directory).
        let _ = Command::new("postfix")
            .arg("-c")
            .arg(self.dir.path())
            .arg("stop")
            .output();
        stop(&mut self.child);
    }
}

/// OpenSSL's test server (`openssl s_server`, in Debian's openssl package, which Dovecot and Postfix bring)
/// speaking only the old TLS version `flag` names (`-tls1`, `-tls1_1`), with the ciphers those versions need
/// allowed (security level 0). A real server of the kind the probe must name as outdated.
pub struct OldTls {
    pub port: u16,
    child: Child,
    _dir: tempfile::TempDir,
}

impl OldTls {
    pub fn start(flag: &str) -> OldTls {
        let dir = tempfile::tempdir().unwrap();
        let cert = leaf(Kind::Good);
        fs::write(dir.path().join("cert.pem"), &cert.cert_pem).unwrap();
        fs::write(dir.path().join("key.pem"), cert.key.serialize_pem()).unwrap();
        let port = free_port();
        let log = dir.path().join("s_server.log");
        let mut child = Command::new("openssl")
            .current_dir(dir.path())
            .args(["s_server", "-quiet", "-accept", &format!("127.0.0.1:{port}")])
            .args([
                "-cert",
                "cert.pem",
                "-key",
                "key.pem",
                flag,
                "-cipher",
                "DEFAULT:@SECLEVEL=0",
            ])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(fs::File::create(&log).unwrap())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot run openssl: {e}; {INSTALL}"));
        let addr = SocketAddr::from(([127, 0, 0, 1], port));
        let deadline = Instant::now() + Duration::from_secs(10);
        while TcpStream::connect_timeout(&addr, Duration::from_millis(200)).is_err() {
            if let Ok(Some(status)) = child.try_wait() {
                panic!("openssl s_server exited ({status}):\n{}", read(&log));
            }
            assert!(
                Instant::now() < deadline,
                "openssl s_server did not listen:\n{}",
                read(&log)
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        OldTls { port, child, _dir: dir }
    }
}

impl Drop for OldTls {
    fn drop(&mut self) {
        stop(&mut self.child);
    }
}
