//! Date and number formats of `date` and `number`. SKELETON.
