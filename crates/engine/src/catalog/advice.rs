//! Texts of the IMAP-versus-POP3 explanation and recommender (see `crate::advice`).
