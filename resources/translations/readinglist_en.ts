<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en_US">
<context>
    <name>DetailPane</name>
    <message numerus="yes">
        <location filename="../../readinglist/gui/detail.py" line="301" />
        <source>%n papers selected. Status, rating and tags you set here apply to all of them.</source>
        <translation>
            <numerusform>%n paper selected.</numerusform><numerusform>%n papers selected. Status, rating and tags you set here apply to all of them.</numerusform></translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message numerus="yes">
        <location filename="../../readinglist/gui/import_dialog.py" line="505" />
        <source>Found %n entries</source>
        <translation>
            <numerusform>Found %n entry</numerusform><numerusform>Found %n entries</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../../readinglist/gui/import_dialog.py" line="505" />
        <source>in %n listings:</source>
        <translation>
            <numerusform>in %n listing:</numerusform><numerusform>in %n listings:</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../../readinglist/gui/import_dialog.py" line="506" />
        <source>%n new,</source>
        <translation>
            <numerusform>%n new,</numerusform><numerusform>%n new,</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../../readinglist/gui/import_dialog.py" line="507" />
        <source>%n already in the library.</source>
        <translation>
            <numerusform>%n already in the library.</numerusform><numerusform>%n already in the library.</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../../readinglist/gui/import_dialog.py" line="512" />
        <source>%n entries the reader is unsure of are highlighted: check them and correct them or leave them out.</source>
        <translation>
            <numerusform>%n entry the reader is unsure of is highlighted: check it and correct it or leave it out.</numerusform><numerusform>%n entries the reader is unsure of are highlighted: check them and correct them or leave them out.</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../../readinglist/gui/import_dialog.py" line="519" />
        <source>Import %n entries</source>
        <translation>
            <numerusform>Import %n entry</numerusform><numerusform>Import %n entries</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../../readinglist/gui/import_dialog.py" line="580" />
        <source>Importing %n entries…</source>
        <translation>
            <numerusform>Importing %n entry…</numerusform><numerusform>Importing %n entries…</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../../readinglist/gui/import_dialog.py" line="612" />
        <source>Imported: %n new papers</source>
        <translation>
            <numerusform>Imported: %n new paper</numerusform><numerusform>Imported: %n new papers</numerusform></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message numerus="yes">
        <location filename="../../readinglist/gui/main_window.py" line="393" />
        <source>%n star(s)</source>
        <translation>
            <numerusform>%n star</numerusform><numerusform>%n stars</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../../readinglist/gui/main_window.py" line="581" />
        <source>%n papers</source>
        <translation>
            <numerusform>%n paper</numerusform><numerusform>%n papers</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../../readinglist/gui/main_window.py" line="752" />
        <source>%n paper(s) marked</source>
        <translation>
            <numerusform>%n paper marked</numerusform><numerusform>%n papers marked</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../../readinglist/gui/main_window.py" line="762" />
        <source>Rated %n paper(s)</source>
        <translation>
            <numerusform>Rated %n paper</numerusform><numerusform>Rated %n papers</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../../readinglist/gui/main_window.py" line="772" />
        <source>Tags changed on %n paper(s)</source>
        <translation>
            <numerusform>Tags changed on %n paper</numerusform><numerusform>Tags changed on %n papers</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../../readinglist/gui/main_window.py" line="847" />
        <source>Imported %n new paper(s)</source>
        <translation>
            <numerusform>Imported %n new paper</numerusform><numerusform>Imported %n new papers</numerusform></translation>
    </message>
</context>
<context>
    <name>PaperTableModel</name>
    <message numerus="yes">
        <location filename="../../readinglist/gui/paper_model.py" line="249" />
        <source>%n star(s)</source>
        <translation>
            <numerusform>%n star</numerusform><numerusform>%n stars</numerusform></translation>
    </message>
</context>
<context>
    <name>RatingSelector</name>
    <message numerus="yes">
        <location filename="../../readinglist/gui/widgets.py" line="121" />
        <source>%n of 5 stars</source>
        <translation>
            <numerusform>%n of 5 star</numerusform><numerusform>%n of 5 stars</numerusform></translation>
    </message>
</context>
</TS>