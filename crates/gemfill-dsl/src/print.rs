//! The canonical printer. SKELETON.
