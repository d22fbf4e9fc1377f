"""Italian formats: "giovedì 23 gennaio 2020, 16:00", "1.500.000".

Only what differs from Django's own ``it`` module: no leading zero on the day, a comma
before the time. Day and month names are lower case through locale/it (Django's
catalogue capitalises them).
"""

DATE_FORMAT = "j F Y"  # 23 gennaio 2020
DATETIME_FORMAT = "l j F Y, H:i"  # giovedì 23 gennaio 2020, 16:00
TIME_FORMAT = "H:i"  # 16:00
