# Initials: for every word, its first letter in upper case and a full stop.
map(x, Word, concat(case(sub(w, 0, 1), upper), "."), "")
