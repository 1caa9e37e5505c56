//! The error decoder: from the text a mail client showed to ranked likely causes and fixes.
