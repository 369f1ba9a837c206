//! gemfill-data. SKELETON.
