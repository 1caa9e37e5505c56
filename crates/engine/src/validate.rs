//! Field-by-field validation of settings: findings with exact fixes.
