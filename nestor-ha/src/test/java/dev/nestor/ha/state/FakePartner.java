package dev.nestor.ha.state;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/** A scripted partner for the state-machine tests: answers as told and records what it was asked. */
final class FakePartner implements PartnerOperations {

    Outcome syncOutcome = Outcome.OK;
    Outcome backlogOutcome = Outcome.OK;
    Outcome resetOutcome = Outcome.OK;
    boolean overflowed;
    MaintenanceReply maintenanceReply = new MaintenanceReply.Answered(0, "Server is in-maintenance state.");
    final List<String> requests = new ArrayList<>();

    @Override
    public Outcome synchronize(OptionalLong maxPeriodSeconds) {
        requests.add("sync " + maxPeriodSeconds);
        return syncOutcome;
    }

    @Override
    public boolean backlogOverflowed() {
        return overflowed;
    }

    @Override
    public Outcome sendBacklog() {
        requests.add("backlog");
        return backlogOutcome;
    }

    @Override
    public void clearBacklog() {
        requests.add("clear-backlog");
    }

    @Override
    public Outcome resetPartner() {
        requests.add("ha-reset");
        return resetOutcome;
    }

    @Override
    public MaintenanceReply notifyMaintenance(boolean cancel) {
        requests.add("ha-maintenance-notify cancel=" + cancel);
        return maintenanceReply;
    }
}
