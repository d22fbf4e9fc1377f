"""While one registration holds the event's lock every other sign-up for the event
waits, so the lock holds only the rows: the lock, one statement that counts (taken after
the lock, never inside the locking statement), the registration and its outbox row.
The number of statements is pinned here so that a regression shows."""

import threading
import time

import pytest
from django.db import connection, connections, transaction
from django.test.utils import CaptureQueriesContext

from events import services
from events.models import Event, OutboxMessage, Registration

Status = Registration.Status

# Real transactions: BEGIN, the lock and COMMIT as in production (not a test savepoint).
pytestmark = pytest.mark.django_db(transaction=True)


def _under_the_lock(call):
    """The statements a call runs from taking the event's lock to its COMMIT."""
    with CaptureQueriesContext(connection) as queries:
        outcome = call()
    statements = [q["sql"] for q in queries.captured_queries]
    # PostgreSQL locks the event row (SELECT … FOR UPDATE); SQLite's IMMEDIATE
    # transaction takes the database's write lock at BEGIN.
    lock = "FOR UPDATE" if connection.vendor == "postgresql" else "BEGIN IMMEDIATE"
    start = next(i for i, sql in enumerate(statements) if lock in sql)
    end = statements.index("COMMIT", start)
    return outcome, statements[start : end + 1]


def _kinds(statements):
    return [sql.split()[0] for sql in statements]


# SQLite: BEGIN IMMEDIATE (the lock), the event, the count, the registration, the
# content version (the places left change on the public pages), the outbox row, COMMIT.
# PostgreSQL: the event FOR UPDATE (the lock), the count, the same three rows, COMMIT
# (the NOTIFY that wakes the sender comes after it). A place on the waiting list changes
# no public page: no UPDATE of the content version.
CONFIRMED = {
    "sqlite": ["BEGIN", "SELECT", "SELECT", "INSERT", "UPDATE", "INSERT", "COMMIT"],
    "postgresql": ["SELECT", "SELECT", "INSERT", "UPDATE", "INSERT", "COMMIT"],
}
WAITLISTED = {
    "sqlite": ["BEGIN", "SELECT", "SELECT", "INSERT", "INSERT", "COMMIT"],
    "postgresql": ["SELECT", "SELECT", "INSERT", "INSERT", "COMMIT"],
}


@pytest.mark.parametrize(
    ("capacity", "status", "expected"),
    [(5, Status.CONFIRMED, CONFIRMED), (1, Status.WAITLISTED, WAITLISTED)],
    ids=["confirmed", "waiting list"],
)
def test_a_registration_runs_only_the_rows_under_the_lock(
    make_event, register, capacity, status, expected
):
    event = make_event(capacity=capacity)
    register(event, "primo@example.org")

    outcome, statements = _under_the_lock(lambda: register(event, "maria@example.org"))

    assert outcome.public_status == status
    assert _kinds(statements) == expected[connection.vendor]


def test_the_count_is_a_statement_of_its_own_after_the_lock_is_taken(open_event, register):
    # On PostgreSQL a count inside the SELECT … FOR UPDATE would be read from the
    # snapshot taken before the statement waited for the lock: stale, and overbooking.
    _outcome, statements = _under_the_lock(lambda: register(open_event, "maria@example.org"))
    counting = [i for i, sql in enumerate(statements) if "COUNT(" in sql]
    assert len(counting) == 1
    assert "COUNT(" not in next(sql for sql in statements if "events_event" in sql)
    locking = next(i for i, sql in enumerate(statements) if "events_event" in sql)
    assert locking < counting[0]


def test_a_repeated_address_runs_the_lock_the_count_its_own_row_and_the_email(open_event, register):
    register(open_event, "maria@example.org")

    outcome, statements = _under_the_lock(lambda: register(open_event, "maria@example.org"))

    assert not outcome.created
    expected = {
        "sqlite": ["BEGIN", "SELECT", "SELECT", "SELECT", "INSERT", "COMMIT"],
        "postgresql": ["SELECT", "SELECT", "SELECT", "INSERT", "COMMIT"],
    }
    assert _kinds(statements) == expected[connection.vendor]


def test_on_postgresql_the_sender_is_woken_once_the_registration_has_committed(
    open_event, register
):
    if connection.vendor != "postgresql":
        pytest.skip("only PostgreSQL wakes the sender (LISTEN/NOTIFY); SQLite's polls")
    with CaptureQueriesContext(connection) as queries:
        register(open_event, "maria@example.org")
    statements = [q["sql"] for q in queries.captured_queries]
    assert statements[-2:] == ["COMMIT", "NOTIFY tsf_outbox"]


def test_a_registration_rolled_back_wakes_no_sender(open_event, register):
    with CaptureQueriesContext(connection) as queries:
        with pytest.raises(RuntimeError), transaction.atomic():
            register(open_event, "maria@example.org")
            raise RuntimeError("the caller's transaction fails after the registration")
    assert not any("NOTIFY" in q["sql"] for q in queries.captured_queries)
    assert not OutboxMessage.objects.exists()


def test_the_place_in_the_queue_counted_under_the_lock_is_the_one_the_page_shows(
    make_event, register
):
    event = make_event(capacity=1)
    outcomes = [register(event, f"p{i}@example.org") for i in range(4)]
    assert [o.position for o in outcomes] == [None, 1, 2, 3]
    for outcome in outcomes:
        assert outcome.position == outcome.registration.queue_position()


def test_if_the_lock_failed_the_constraint_still_answers_like_for_a_repeated_address(
    open_event, register, monkeypatch
):
    # What a registration would see if two requests for one address ever got past the
    # lock together: the count does not show the other one's row, the INSERT violates
    # the one-active-registration constraint.
    first = register(open_event, "maria@example.org")
    places = services._places

    def blind_places(event, email):
        return {**places(event, email), "existing": None}

    monkeypatch.setattr(services, "_places", blind_places)

    outcome = register(open_event, "Maria@example.org", name="Altra Persona")

    assert not outcome.created
    assert outcome.registration.pk == first.registration.pk
    assert outcome.token is None
    assert outcome.public_status == Status.CONFIRMED
    assert Registration.objects.filter(event=open_event).count() == 1
    # Nothing of the refused registration was kept; its owner gets the link again.
    kinds = list(OutboxMessage.objects.order_by("pk").values_list("kind", flat=True))
    assert kinds == ["confirmed", "lost_link"]
    # The connection is usable afterwards (no transaction left aborted).
    assert register(open_event, "luca@example.org").created


def test_on_postgresql_a_count_inside_the_locking_statement_would_miss_who_just_committed(
    open_event, register
):
    # The trap the separate counting statement avoids, shown: a second sign-up waits
    # for the lock while the first commits its row; the count inside its SELECT … FOR
    # UPDATE still says what the database held before it waited, the statement after
    # the lock sees the row.
    if connection.vendor != "postgresql":
        pytest.skip("SQLite's IMMEDIATE transaction locks at BEGIN, before any snapshot")
    register(open_event, "primo@example.org")
    table = Registration._meta.db_table
    seen, waiting = {}, threading.Event()

    def second_sign_up():
        try:
            with transaction.atomic(), connection.cursor() as cursor:
                seen["pid"] = connection.connection.info.backend_pid
                waiting.set()
                cursor.execute(
                    f"SELECT (SELECT COUNT(*) FROM {table} WHERE event_id = %s) "
                    "FROM events_event WHERE id = %s FOR UPDATE",
                    [open_event.pk, open_event.pk],
                )
                seen["inside"] = cursor.fetchone()[0]
                seen["after"] = services._places(open_event, "x@example.org")["confirmed"]
        finally:
            connections.close_all()

    with transaction.atomic():
        locked = Event.objects.select_for_update().get(pk=open_event.pk)
        thread = threading.Thread(target=second_sign_up)
        thread.start()
        assert waiting.wait(10)
        _wait_until_blocked(seen["pid"])
        Registration.objects.create(
            event=locked, name="Secondo", email="secondo@example.org", status=Status.CONFIRMED,
            token_hash="secondo",
        )  # fmt: skip
    thread.join(timeout=30)
    assert seen["inside"] == 1  # stale: would overbook
    assert seen["after"] == 2


def _wait_until_blocked(pid):
    deadline = time.monotonic() + 10
    with connections["default"].cursor() as cursor:
        while time.monotonic() < deadline:
            cursor.execute("SELECT wait_event_type FROM pg_stat_activity WHERE pid = %s", [pid])
            row = cursor.fetchone()
            if row and row[0] == "Lock":
                return
            time.sleep(0.02)
    raise AssertionError("the second sign-up never waited for the lock")
