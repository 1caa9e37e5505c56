//! IMAP or POP3: a plain explanation of both and a recommender.
