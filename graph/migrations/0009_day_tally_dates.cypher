// Each day tally's day as a date (graph.tallies), its first day when it names a month or a year, as `day_of`
// reads it: trends truncate it to weeks, months and quarters, where parsing and checking the text at every read
// cost more than the grouping saved. A day the calendar lacks (2024-02-30) or text that is no date gets none
// (date() would fail on it), and such a tally is in no period. The writes set it on the tallies they create.
MATCH (t:DayTally)
WHERE t.date IS NULL AND t.day =~ '[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?'
WITH t, toInteger(left(t.day, 4)) AS year, coalesce(toInteger(substring(t.day, 5, 2)), 1) AS month,
     coalesce(toInteger(substring(t.day, 8, 2)), 1) AS day
WHERE year > 0 AND 1 <= month <= 12
  AND 1 <= day <= [31, CASE WHEN year % 4 = 0 AND (year % 100 <> 0 OR year % 400 = 0) THEN 29 ELSE 28 END,
                   31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
CALL (t, year, month, day) {
    SET t.date = date({year: year, month: month, day: day})
} IN TRANSACTIONS OF 10000 ROWS;
