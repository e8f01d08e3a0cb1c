-- Found by the national-scale load test (docs/performance.md): the coverage report groups
-- a municipality's staff by department; this index answers that without touching the rows.
CREATE INDEX employees_org_department ON employees (org_id, department);
-- ... and reads the municipality's enrolments per person: with the employee and state in the
-- index, that read never touches the enrolment rows.
CREATE INDEX enrolments_municipality_employee ON enrolments (municipality_id, employee_id, state);
-- The municipal catalogue lists cohorts not yet over; most of a provider's history is.
CREATE INDEX cohorts_ends_on ON cohorts (ends_on);
