package dev.nestor.ha.testing;

import dev.nestor.ha.log.HaLog;
import dev.nestor.ha.log.HaLogId;

import java.util.ArrayList;
import java.util.List;

/** Keeps every logged message (formatted, so a wrong argument count fails the test that logs it). */
public final class RecordingHaLog implements HaLog {

    /** One logged message. */
    public record Entry(HaLogId id, String text) { }

    private final List<Entry> entries = new ArrayList<>();

    @Override
    public void log(HaLogId id, Object... arguments) {
        entries.add(new Entry(id, id.format(arguments)));
    }

    public List<Entry> entries() {
        return entries;
    }

    public List<HaLogId> ids() {
        return entries.stream().map(Entry::id).toList();
    }

    public List<String> texts(HaLogId id) {
        return entries.stream().filter(e -> e.id() == id).map(Entry::text).toList();
    }

    public void clear() {
        entries.clear();
    }
}
