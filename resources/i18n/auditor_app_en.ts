<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>AssignmentsPanel</name>
    <message numerus="yes">
        <source>Assigned to you on Connect (%n not started)</source>
        <translation>
            <numerusform>Assigned to you on Connect (%n not started)</numerusform>
            <numerusform>Assigned to you on Connect (%n not started)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>AuditList</name>
    <message numerus="yes">
        <source>{shown} of %n audit(s)</source>
        <translation>
            <numerusform>{shown} of %n audit</numerusform>
            <numerusform>{shown} of %n audits</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ChecklistPage</name>
    <message numerus="yes">
        <source>{done} of {total} answered · %n NC(s)</source>
        <translation>
            <numerusform>{done} of {total} answered · %n NC</numerusform>
            <numerusform>{done} of {total} answered · %n NCs</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Checkpoint {cp} has %n non-compliance(s). Answering {answer} deletes them. You can undo this right after.</source>
        <translation>
            <numerusform>Checkpoint {cp} has %n non-compliance. Answering {answer} deletes them. You can undo this right after.</numerusform>
            <numerusform>Checkpoint {cp} has %n non-compliances. Answering {answer} deletes them. You can undo this right after.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n NC(s) of {cp} deleted.</source>
        <translation>
            <numerusform>%n NC of {cp} deleted.</numerusform>
            <numerusform>%n NCs of {cp} deleted.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>EvidencePage</name>
    <message numerus="yes">
        <source>Checking photos (%n to go)</source>
        <translation>
            <numerusform>Checking photos (%n to go)</numerusform>
            <numerusform>Checking photos (%n to go)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>HoursPanel</name>
    <message numerus="yes">
        <source> · %n note(s) to read (point at this summary)</source>
        <translation>
            <numerusform> · %n note to read (point at this summary)</numerusform>
            <numerusform> · %n notes to read (point at this summary)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n breach(es)</source>
        <translation>
            <numerusform>%n breach</numerusform>
            <numerusform>%n breaches</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>in %n worker-month(s)</source>
        <translation>
            <numerusform>in %n worker-month</numerusform>
            <numerusform>in %n worker-months</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>InterviewsPage</name>
    <message numerus="yes">
        <source>group of %n</source>
        <translation>
            <numerusform>group of %n</numerusform>
            <numerusform>group of %n</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ProposalCard</name>
    <message numerus="yes">
        <source>{affected} of %n worker(s)</source>
        <translation>
            <numerusform>{affected} of %n worker</numerusform>
            <numerusform>{affected} of %n workers</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RosterDrawBox</name>
    <message numerus="yes">
        <source> + %n group(s) of {size}</source>
        <translation>
            <numerusform> + %n group of {size}</numerusform>
            <numerusform> + %n groups of {size}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Drawn {when}: %n worker(s) with seed {seed} from a roster of {roster} (SHA-256 {sha}…). </source>
        <translation>
            <numerusform>Drawn {when}: %n worker with seed {seed} from a roster of {roster} (SHA-256 {sha}…). </numerusform>
            <numerusform>Drawn {when}: %n workers with seed {seed} from a roster of {roster} (SHA-256 {sha}…). </numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{name}: %n worker(s), kept on this laptop since {day} (SHA-256 {sha}…).</source>
        <translation>
            <numerusform>{name}: %n worker, kept on this laptop since {day} (SHA-256 {sha}…).</numerusform>
            <numerusform>{name}: %n workers, kept on this laptop since {day} (SHA-256 {sha}…).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{name}: %n worker(s) ({encoding}); kept on this laptop with the audit&apos;s confidential data, so it is not asked for again (SHA-256 {sha}…).</source>
        <translation>
            <numerusform>{name}: %n worker ({encoding}); kept on this laptop with the audit&apos;s confidential data, so it is not asked for again (SHA-256 {sha}…).</numerusform>
            <numerusform>{name}: %n workers ({encoding}); kept on this laptop with the audit&apos;s confidential data, so it is not asked for again (SHA-256 {sha}…).</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TourPage</name>
    <message numerus="yes">
        <source>%n photo(s)</source>
        <translation>
            <numerusform>%n photo</numerusform>
            <numerusform>%n photos</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>UnlockDialog</name>
    <message numerus="yes">
        <source>A passphrase needs at least %n characters.</source>
        <translation>
            <numerusform>A passphrase needs at least %n character.</numerusform>
            <numerusform>A passphrase needs at least %n characters.</numerusform>
        </translation>
    </message>
</context>
</TS>
