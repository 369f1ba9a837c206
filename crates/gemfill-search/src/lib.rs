//! gemfill-search. SKELETON.
