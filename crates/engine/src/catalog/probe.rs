//! Texts explaining probe findings (`probe.*` codes reported by the native probe).
