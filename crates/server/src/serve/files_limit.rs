//! The file-descriptor limit: raised from the soft to the hard limit at start (systemd's default soft limit
//! is 1024), and the connection cap fitted under it, so that accepting never runs out of descriptors while
//! the server's own files, probes and listeners still have theirs.

/// Descriptors kept for everything but client connections: the listeners, the runtime, logs.
const RESERVED: u64 = 64;

/// Raises the soft limit on open files to the hard limit; the soft limit in force afterwards (`None` where
/// it cannot be read).
pub fn raise() -> Option<u64> {
    let mut limit = libc::rlimit {
        rlim_cur: 0,
        rlim_max: 0,
    };
    // SAFETY: getrlimit and setrlimit only read and write the struct passed to them.
    unsafe {
        if libc::getrlimit(libc::RLIMIT_NOFILE, &mut limit) != 0 {
            return None;
        }
        if limit.rlim_cur < limit.rlim_max {
            let raised = libc::rlimit {
                rlim_cur: limit.rlim_max,
                rlim_max: limit.rlim_max,
            };
            if libc::setrlimit(libc::RLIMIT_NOFILE, &raised) == 0 {
                limit.rlim_cur = limit.rlim_max;
            }
        }
    }
    Some(limit.rlim_cur)
}

/// How many client connections fit under `files` descriptors: each may hold two (its socket and a file
/// being sent), each probe in flight one for its own connection, and [`RESERVED`] stay free.
pub fn connections_that_fit(files: u64, max_probes: usize) -> usize {
    let probes = u64::try_from(max_probes).unwrap_or(u64::MAX);
    let free = files.saturating_sub(RESERVED).saturating_sub(probes);
    usize::try_from(free / 2).unwrap_or(usize::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn connections_leave_room_for_files_and_probes() {
        assert_eq!(connections_that_fit(1024, 64), 448);
        assert_eq!(connections_that_fit(65536, 64), 32704);
        assert_eq!(connections_that_fit(100, 64), 0);
    }
}
