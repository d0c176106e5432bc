"""The query budget of "Việc của tôi", in one place: the page gathers a section from each
area, and each section costs a fixed number of queries whatever the rows.

session, user and memberships (3); the tasks (1); the subjects waiting for the department
(1); the upcoming invitations (1); the provisions owed and awaiting acknowledgement (≤ 3);
the hot issues' hand-overs awaiting an answer (1); the report drafts (1, editors only); the
meetings of the next two weeks (1); the nominations awaiting a decision (≤ 1, deciders
only) — at most 12 for any one user.
"""

MY_WORK_QUERIES = 12
