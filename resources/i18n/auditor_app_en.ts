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
    <name>AuditTableModel</name>
    <message numerus="yes">
        <source>%n comment(s), {open} not answered. Click to open the review.</source>
        <translation>
            <numerusform>%n comment, {open} not answered. Click to open the review.</numerusform>
            <numerusform>%n comments, {open} not answered. Click to open the review.</numerusform>
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
    <name>ConnectActions</name>
    <message numerus="yes">
        <source>Downloaded %n assignment(s); they are kept on this laptop.</source>
        <translation>
            <numerusform>Downloaded %n assignment; it is kept on this laptop.</numerusform>
            <numerusform>Downloaded %n assignments; they are kept on this laptop.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DiffPane</name>
    <message numerus="yes">
        <source>%n change(s) from revision {old} to revision {new}</source>
        <translation>
            <numerusform>%n change from revision {old} to revision {new}</numerusform>
            <numerusform>%n changes from revision {old} to revision {new}</numerusform>
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
    <name>GapsDialog</name>
    <message numerus="yes">
        <source>{answered} of %n checkpoint(s) answered.</source>
        <translation>
            <numerusform>{answered} of %n checkpoint answered.</numerusform>
            <numerusform>{answered} of %n checkpoints answered.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n gap(s) are open. Complete each one on its page, or tick it and close it with a reason.</source>
        <translation>
            <numerusform>%n gap is open. Complete it on its page, or tick it and close it with a reason.</numerusform>
            <numerusform>%n gaps are open. Complete each one on its page, or tick it and close it with a reason.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>HistoryPane</name>
    <message numerus="yes">
        <source>%n change(s) made after the factory signed the CAP</source>
        <translation>
            <numerusform>%n change made after the factory signed the CAP</numerusform>
            <numerusform>%n changes made after the factory signed the CAP</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n of them to what it signed</source>
        <translation>
            <numerusform>%n of them to what it signed</numerusform>
            <numerusform>%n of them to what it signed</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>This revision started as a copy of the one before (%n row(s), not listed).</source>
        <translation>
            <numerusform>This revision started as a copy of the one before (%n row, not listed).</numerusform>
            <numerusform>This revision started as a copy of the one before (%n rows, not listed).</numerusform>
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
    <name>PlatformStrip</name>
    <message numerus="yes">
        <source>Sent to Connect: %n new entry(ies).</source>
        <translation>
            <numerusform>Sent to Connect: %n new entry.</numerusform>
            <numerusform>Sent to Connect: %n new entries.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n entry(ies) from the other side taken in.</source>
        <translation>
            <numerusform>%n entry from the other side taken in.</numerusform>
            <numerusform>%n entries from the other side taken in.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n new entry(ies) from Connect.</source>
        <translation>
            <numerusform>%n new entry from Connect.</numerusform>
            <numerusform>%n new entries from Connect.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n revision(s) downloaded.</source>
        <translation>
            <numerusform>%n revision downloaded.</numerusform>
            <numerusform>%n revisions downloaded.</numerusform>
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
    <name>QuestionnairePanel</name>
    <message numerus="yes">
        <source>From {file}: %n question(s) answered.</source>
        <translation>
            <numerusform>From {file}: %n question answered.</numerusform>
            <numerusform>From {file}: %n questions answered.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReviewCommentsBar</name>
    <message numerus="yes">
        <source>The lead&apos;s review: %n comment(s)</source>
        <translation>
            <numerusform>The lead&apos;s review: %n comment</numerusform>
            <numerusform>The lead&apos;s review: %n comments</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n not answered</source>
        <translation>
            <numerusform>%n not answered</numerusform>
            <numerusform>%n not answered</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>… and %n more</source>
        <translation>
            <numerusform>… and %n more</numerusform>
            <numerusform>… and %n more</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReviewInboxDialog</name>
    <message numerus="yes">
        <source>%n audit(s) in review or waiting for review on Connect.</source>
        <translation>
            <numerusform>%n audit in review or waiting for review on Connect.</numerusform>
            <numerusform>%n audits in review or waiting for review on Connect.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReviewItems</name>
    <message numerus="yes">
        <source>%n comment(s)</source>
        <translation>
            <numerusform>%n comment</numerusform>
            <numerusform>%n comments</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n not answered</source>
        <translation>
            <numerusform>%n not answered</numerusform>
            <numerusform>%n not answered</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReviewView</name>
    <message numerus="yes">
        <source>History ⚠ %n</source>
        <translation>
            <numerusform>History ⚠ %n</numerusform>
            <numerusform>History ⚠ %n</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n comment(s)</source>
        <translation>
            <numerusform>%n comment</numerusform>
            <numerusform>%n comments</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n not answered</source>
        <translation>
            <numerusform>%n not answered</numerusform>
            <numerusform>%n not answered</numerusform>
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
<context>
    <name>WorkerSurveyPanel</name>
    <message numerus="yes">
        <source>{code} · %n concern(s)</source>
        <translation>
            <numerusform>{code} · %n concern</numerusform>
            <numerusform>{code} · %n concerns</numerusform>
        </translation>
    </message>
</context>
</TS>
