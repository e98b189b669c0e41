import HaiCapDomain
import SQLKit

/// Meetings (issue 13): each unit's rooms (điểm cầu), meetings with their invited units and people,
/// their occurrences (one, or a series' with days off skipped or moved), the bookings that conflicts
/// and free slots read (one row per held occurrence and room or person, indexed by resource and
/// start), the video room's reservations and the tokens handed out (join evidence), and the
/// conclusions: a case kind with `running` and `due_at` like every other.
let m019Meetings = Migration(19, "meetings: rooms, meetings, occurrences, bookings, reservations, conclusions") { kind in
    [
        """
        CREATE TABLE meeting_rooms (
            id {id},
            unit_code TEXT,
            agency_id TEXT NOT NULL,
            name TEXT NOT NULL,
            capacity INTEGER NOT NULL,
            equipment TEXT NOT NULL,
            sip_address TEXT,
            metronet_line TEXT,
            technician_name TEXT,
            technician_phone TEXT,
            technician_email TEXT,
            active INTEGER NOT NULL DEFAULT 1
        )
        """,
        "CREATE INDEX meeting_rooms_unit ON meeting_rooms (unit_code)",
        "CREATE INDEX meeting_rooms_agency ON meeting_rooms (agency_id)",
        """
        CREATE TABLE meetings (
            id {id},
            title TEXT NOT NULL,
            agenda TEXT NOT NULL,
            mode TEXT NOT NULL,
            status TEXT NOT NULL,
            organiser_agency_id TEXT NOT NULL,
            organiser_agency_name TEXT NOT NULL,
            organiser_unit_code TEXT,
            organiser_user_id INTEGER NOT NULL,
            organiser_name TEXT NOT NULL,
            chair TEXT NOT NULL,
            host_user_id INTEGER NOT NULL,
            secretary_user_id INTEGER,
            start_at {bigint} NOT NULL,
            end_at {bigint} NOT NULL,
            recurrence TEXT,
            day_off TEXT,
            room TEXT NOT NULL UNIQUE,
            sequence INTEGER NOT NULL DEFAULT 0,
            override_reason TEXT,
            minutes TEXT,
            minutes_version INTEGER NOT NULL DEFAULT 0,
            minutes_approved_at {bigint},
            created_at {bigint} NOT NULL,
            updated_at {bigint} NOT NULL
        )
        """,
        "CREATE INDEX meetings_organiser ON meetings (organiser_agency_id, start_at)",
        """
        CREATE TABLE meeting_units (
            meeting_id INTEGER NOT NULL,
            unit_code TEXT NOT NULL,
            room_id INTEGER NOT NULL,
            rsvp TEXT NOT NULL,
            attendance TEXT,
            attendance_note TEXT,
            attendance_by TEXT,
            attendance_at {bigint},
            ready_at {bigint},
            PRIMARY KEY (meeting_id, unit_code)
        )
        """,
        "CREATE INDEX meeting_units_unit ON meeting_units (unit_code, meeting_id)",
        """
        CREATE TABLE meeting_people (
            id {id},
            meeting_id INTEGER NOT NULL,
            user_id INTEGER,
            name TEXT NOT NULL,
            email TEXT,
            role TEXT NOT NULL,
            rsvp TEXT NOT NULL,
            guest_digest TEXT,
            guest_used_at {bigint}
        )
        """,
        "CREATE INDEX meeting_people_meeting ON meeting_people (meeting_id)",
        "CREATE INDEX meeting_people_user ON meeting_people (user_id)",
        """
        CREATE TABLE meeting_minutes (
            meeting_id INTEGER NOT NULL,
            version INTEGER NOT NULL,
            text TEXT NOT NULL,
            approved INTEGER NOT NULL,
            at {bigint} NOT NULL,
            by_name TEXT NOT NULL
        )
        """,
        "CREATE INDEX meeting_minutes_meeting ON meeting_minutes (meeting_id, version)",
        """
        CREATE TABLE meeting_occurrences (
            meeting_id INTEGER NOT NULL,
            seq INTEGER NOT NULL,
            original_at {bigint} NOT NULL,
            start_at {bigint} NOT NULL,
            end_at {bigint} NOT NULL,
            state TEXT NOT NULL,
            holiday TEXT,
            PRIMARY KEY (meeting_id, seq)
        )
        """,
        """
        CREATE TABLE meeting_bookings (
            resource TEXT NOT NULL,
            meeting_id INTEGER NOT NULL,
            seq INTEGER NOT NULL,
            start_at {bigint} NOT NULL,
            end_at {bigint} NOT NULL
        )
        """,
        "CREATE INDEX meeting_bookings_resource ON meeting_bookings (resource, start_at)",
        "CREATE INDEX meeting_bookings_meeting ON meeting_bookings (meeting_id)",
        """
        CREATE TABLE meeting_joins (
            id {id},
            meeting_id INTEGER NOT NULL,
            seq INTEGER NOT NULL,
            user_id INTEGER,
            person_id INTEGER,
            unit_code TEXT,
            moderator INTEGER NOT NULL,
            issued_at {bigint} NOT NULL
        )
        """,
        "CREATE INDEX meeting_joins_meeting ON meeting_joins (meeting_id, seq)",
        """
        CREATE TABLE meeting_conferences (
            id {id},
            meeting_id INTEGER NOT NULL,
            seq INTEGER NOT NULL,
            name TEXT NOT NULL,
            mail_owner TEXT,
            created_at {bigint} NOT NULL,
            ended_at {bigint}
        )
        """,
        "CREATE INDEX meeting_conferences_name ON meeting_conferences (name)",
        """
        CREATE TABLE meeting_conclusions (
            id {id},
            meeting_id INTEGER NOT NULL,
            text TEXT NOT NULL,
            agency_id TEXT NOT NULL,
            agency_name TEXT NOT NULL,
            unit_code TEXT,
            status TEXT NOT NULL,
            days INTEGER NOT NULL,
            running INTEGER NOT NULL DEFAULT 0,
            due_at {bigint},
            assignee_id INTEGER,
            created_by INTEGER NOT NULL,
            created_at {bigint} NOT NULL,
            updated_at {bigint} NOT NULL,
            done_at {bigint}
        )
        """,
        "CREATE INDEX meeting_conclusions_meeting ON meeting_conclusions (meeting_id)",
        "CREATE INDEX meeting_conclusions_agency ON meeting_conclusions (agency_id, running, due_at)"
    ].map { DDL.expand($0, kind) }
}
