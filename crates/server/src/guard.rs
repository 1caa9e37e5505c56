//! What protects every endpoint, kept apart from the features it protects so that the probe and discovery
//! stand side by side on it and nothing here depends on either: the deny list every dialled address passes
//! ([`deny`]), the rate limits and the cap on runs in flight ([`admission`]), and who the client is behind
//! a reverse proxy ([`proxies`]).

pub mod admission;
pub mod deny;
pub mod proxies;
