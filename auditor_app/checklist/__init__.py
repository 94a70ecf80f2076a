"""The ESCP standard as data: checklist editions, grades, status rules, sampling, CAP deadlines.

No Qt and no database here: these modules take plain values and return plain values.
"""
