<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en_US">
<context>
    <name>Counts</name>
    <message numerus="yes">
        <source>%n star(s)</source>
        <translation>
            <numerusform>%n star</numerusform><numerusform>%n stars</numerusform></translation>
    </message>
</context>
<context>
    <name>DetailPane</name>
    <message numerus="yes">
        <source>%n papers selected. Status, rating and tags you set here apply to all of them.</source>
        <translation>
            <numerusform>%n paper selected.</numerusform><numerusform>%n papers selected. Status, rating and tags you set here apply to all of them.</numerusform></translation>
    </message>
</context>
<context>
    <name>DuplicatesView</name>
    <message numerus="yes">
        <source>%n papers</source>
        <translation>
            <numerusform>%n paper</numerusform><numerusform>%n papers</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n group(s) of papers that may be the same.</source>
        <translation>
            <numerusform>%n group of paper that may be the same.</numerusform><numerusform>%n groups of papers that may be the same.</numerusform></translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message numerus="yes">
        <source>The papers in view (%n)</source>
        <translation>
            <numerusform>The paper in view (%n)</numerusform><numerusform>The papers in view (%n)</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>The selected papers (%n)</source>
        <translation>
            <numerusform>The selected paper (%n)</numerusform><numerusform>The selected papers (%n)</numerusform></translation>
    </message>
</context>
<context>
    <name>FacetPanel</name>
    <message numerus="yes">
        <source>{label}: %Ln papers</source>
        <translation>
            <numerusform>{label}: %Ln paper</numerusform><numerusform>{label}: %Ln papers</numerusform></translation>
    </message>
</context>
<context>
    <name>FormatActions</name>
    <message numerus="yes">
        <source>Copied %n papers as BibTeX</source>
        <translation>
            <numerusform>Copied %n paper as BibTeX</numerusform><numerusform>Copied %n papers as BibTeX</numerusform></translation>
    </message>
</context>
<context>
    <name>ImportController</name>
    <message numerus="yes">
        <source>Imported %n new paper(s)</source>
        <translation>
            <numerusform>Imported %n new paper</numerusform><numerusform>Imported %n new papers</numerusform></translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message numerus="yes">
        <source>Found %n entries</source>
        <translation>
            <numerusform>Found %n entry</numerusform><numerusform>Found %n entries</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>in %n listings:</source>
        <translation>
            <numerusform>in %n listing:</numerusform><numerusform>in %n listings:</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n new,</source>
        <translation>
            <numerusform>%n new,</numerusform><numerusform>%n new,</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n already in the library.</source>
        <translation>
            <numerusform>%n already in the library.</numerusform><numerusform>%n already in the library.</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n are in the Trash: they stay there (the report offers to restore them).</source>
        <translation>
            <numerusform>%n is in the Trash: it stays there (the report offers to restore it).</numerusform><numerusform>%n are in the Trash: they stay there (the report offers to restore them).</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n entries the reader is unsure of are highlighted: check them and correct them or leave them out.</source>
        <translation>
            <numerusform>%n entry the reader is unsure of is highlighted: check it and correct it or leave it out.</numerusform><numerusform>%n entries the reader is unsure of are highlighted: check them and correct them or leave them out.</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>Import %n new papers</source>
        <translation>
            <numerusform>Import %n new paper</numerusform><numerusform>Import %n new papers</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>Import %n entries</source>
        <translation>
            <numerusform>Import %n entry</numerusform><numerusform>Import %n entries</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>Importing %n entries…</source>
        <translation>
            <numerusform>Importing %n entry…</numerusform><numerusform>Importing %n entries…</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>Imported: %n new papers</source>
        <translation>
            <numerusform>Imported: %n new paper</numerusform><numerusform>Imported: %n new papers</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n of its papers are in the Trash and were left there</source>
        <translation>
            <numerusform>%n of its paper are in the Trash and were left there</numerusform><numerusform>%n of its papers are in the Trash and were left there</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>filled in missing fields of %n papers</source>
        <translation>
            <numerusform>filled in missing fields of %n paper</numerusform><numerusform>filled in missing fields of %n papers</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n papers kept the status you had set (the file gives a lower one)</source>
        <translation>
            <numerusform>%n paper kept the status you had set (the file gives a lower one)</numerusform><numerusform>%n papers kept the status you had set (the file gives a lower one)</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>Restored %n paper(s) from the Trash.</source>
        <translation>
            <numerusform>Restored %n paper from the Trash.</numerusform><numerusform>Restored %n papers from the Trash.</numerusform></translation>
    </message>
</context>
<context>
    <name>JournalText</name>
    <message numerus="yes">
        <source>Rate %n star(s)</source>
        <translation>
            <numerusform>Rate %n star</numerusform><numerusform>Rate %n stars</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>Import {names} (%n new paper(s))</source>
        <translation>
            <numerusform>Import {names} (%n new paper)</numerusform><numerusform>Import {names} (%n new papers)</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>Merge %n paper(s)</source>
        <translation>
            <numerusform>Merge %n paper</numerusform><numerusform>Merge %n papers</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>Give citation keys to %n paper(s)</source>
        <translation>
            <numerusform>Give citation keys to %n paper</numerusform><numerusform>Give citation keys to %n papers</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>{change} (%n paper(s))</source>
        <translation>
            <numerusform>{change} (%n paper)</numerusform><numerusform>{change} (%n papers)</numerusform></translation>
    </message>
</context>
<context>
    <name>LabController</name>
    <message numerus="yes">
        <source>Lab: %n conflict(s) to resolve</source>
        <translation>
            <numerusform>Lab: %n conflict to resolve</numerusform><numerusform>Lab: %n conflicts to resolve</numerusform></translation>
    </message>
</context>
<context>
    <name>LabReadersText</name>
    <message numerus="yes">
        <source>Read by %n in the lab</source>
        <translation>
            <numerusform>Read by %n in the lab</numerusform><numerusform>Read by %n in the lab</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>Being read by %n in the lab.</source>
        <translation>
            <numerusform>Being read by %n in the lab.</numerusform><numerusform>Being read by %n in the lab.</numerusform></translation>
    </message>
</context>
<context>
    <name>LibraryActions</name>
    <message numerus="yes">
        <source>Moved %n paper(s) to the Trash; Ctrl+Z brings them back</source>
        <translation>
            <numerusform>Moved %n paper to the Trash; Ctrl+Z brings them back</numerusform><numerusform>Moved %n papers to the Trash; Ctrl+Z brings them back</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>Restored %n paper(s)</source>
        <translation>
            <numerusform>Restored %n paper</numerusform><numerusform>Restored %n papers</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>Delete the %n paper(s) in the Trash, with their notes and history? (Edit ▸ Undo can still bring them back.)</source>
        <translation>
            <numerusform>Delete the %n paper in the Trash, with their notes and history? (Edit ▸ Undo can still bring them back.)</numerusform><numerusform>Delete the %n papers in the Trash, with their notes and history? (Edit ▸ Undo can still bring them back.)</numerusform></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message numerus="yes">
        <source>Trash, %n paper(s)</source>
        <translation>
            <numerusform>Trash, %n paper</numerusform><numerusform>Trash, %n papers</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n paper(s) marked</source>
        <translation>
            <numerusform>%n paper marked</numerusform><numerusform>%n papers marked</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>Rated %n paper(s)</source>
        <translation>
            <numerusform>Rated %n paper</numerusform><numerusform>Rated %n papers</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>Tags changed on %n paper(s)</source>
        <translation>
            <numerusform>Tags changed on %n paper</numerusform><numerusform>Tags changed on %n papers</numerusform></translation>
    </message>
</context>
<context>
    <name>MergeDialog</name>
    <message numerus="yes">
        <source>Merge %n papers</source>
        <translation>
            <numerusform>Merge %n paper</numerusform><numerusform>Merge %n papers</numerusform></translation>
    </message>
</context>
<context>
    <name>PaperList</name>
    <message numerus="yes">
        <source>%Ln papers</source>
        <translation>
            <numerusform>%Ln paper</numerusform><numerusform>%Ln papers</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>{shown} of %Ln papers</source>
        <translation>
            <numerusform>{shown} of %Ln paper</numerusform><numerusform>{shown} of %Ln papers</numerusform></translation>
    </message>
</context>
<context>
    <name>PaperTableModel</name>
    <message numerus="yes">
        <source>{title}: {status}, %n star(s)</source>
        <translation>
            <numerusform>{title}: {status}, %n star</numerusform><numerusform>{title}: {status}, %n stars</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n star(s)</source>
        <translation>
            <numerusform>%n star</numerusform><numerusform>%n stars</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n read</source>
        <translation>
            <numerusform>%n read</numerusform><numerusform>%n read</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n reading</source>
        <translation>
            <numerusform>%n reading</numerusform><numerusform>%n reading</numerusform></translation>
    </message>
</context>
<context>
    <name>RatingSelector</name>
    <message numerus="yes">
        <source>%n of 5 stars</source>
        <translation>
            <numerusform>%n of 5 star</numerusform><numerusform>%n of 5 stars</numerusform></translation>
    </message>
</context>
</TS>