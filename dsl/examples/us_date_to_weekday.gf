# US dates (month first) with their weekday.
date(x, us, weekday_long)
