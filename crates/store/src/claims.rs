//! Claims: sightings of the same statement grouped across documents (SQL side).
