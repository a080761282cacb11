//! Pure text comparison of statements: similarity and what changed. No SQL here.
