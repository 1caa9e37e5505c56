//! What protects every endpoint, kept apart from the features it protects so that the probe and discovery
//! stand side by side on it and nothing here depends on either: the deny list every dialled address passes
//! ([`deny`]) and the dialler that takes nothing else ([`dial`]), the rate limits and the cap on runs in
//! flight ([`admission`]), who the client is behind a reverse proxy ([`proxies`]), the checks a request
//! passes before it is read ([`intake`]), the one way an API says no ([`refusal`]), and the NDJSON answer
//! whose run stops when its client goes away ([`stream`]).

pub mod admission;
pub mod deny;
pub mod dial;
pub mod intake;
pub mod proxies;
pub mod refusal;
pub mod stream;
