<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
<context>
    <name>A11y</name>
    <message>
        <source>Vertical scroll bar</source>
        <translation>Barre de défilement verticale</translation>
    </message>
    <message>
        <source>Horizontal scroll bar</source>
        <translation>Barre de défilement horizontale</translation>
    </message>
    <message>
        <source>Clear the field</source>
        <translation>Effacer le champ</translation>
    </message>
</context>
<context>
    <name>ActivityView</name>
    <message>
        <source>Activity</source>
        <translation>Activité</translation>
    </message>
    <message>
        <source>This &amp;week</source>
        <translation>Cette &amp;semaine</translation>
    </message>
    <message>
        <source>This &amp;month</source>
        <translation>Ce &amp;mois-ci</translation>
    </message>
    <message>
        <source>&amp;Everything</source>
        <translation>&amp;Tout</translation>
    </message>
    <message>
        <source>Status changes, newest first</source>
        <translation>Changements de statut, les plus récents d’abord</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Changement</translation>
    </message>
    <message>
        <source>Paper</source>
        <translation>Article</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>Changes: {n}</source>
        <translation>Changements&#xa0;: {n}</translation>
    </message>
    <message>
        <source>The latest {n} changes</source>
        <translation>Les {n} derniers changements</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <source>The damaged file was moved to {path}; nothing was deleted.</source>
        <translation>Le fichier endommagé a été déplacé vers {path}&#xa0;; rien n’a été supprimé.</translation>
    </message>
    <message>
        <source>Cannot open the library</source>
        <translation>Impossible d’ouvrir la bibliothèque</translation>
    </message>
    <message>
        <source>readinglist cannot open the library in {folder}.</source>
        <translation>readinglist ne peut pas ouvrir la bibliothèque du dossier {folder}.</translation>
    </message>
    <message>
        <source>Restore a backup…</source>
        <translation>Restaurer une sauvegarde…</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Quitter</translation>
    </message>
    <message>
        <source>Restore failed</source>
        <translation>Échec de la restauration</translation>
    </message>
    <message>
        <source>Opening your library…</source>
        <translation>Ouverture de votre bibliothèque…</translation>
    </message>
    <message>
        <source>Upgrading your library</source>
        <translation>Mise à niveau de votre bibliothèque</translation>
    </message>
    <message>
        <source>Upgrading your library for this version of readinglist ({seconds} s)…
A backup of it was taken first. This happens once.</source>
        <translation>Mise à niveau de votre bibliothèque pour cette version de readinglist ({seconds} s)…
Une sauvegarde en a été faite avant. Cela n’arrive qu’une fois.</translation>
    </message>
</context>
<context>
    <name>BackupController</name>
    <message>
        <source>Backup failed</source>
        <translation>Échec de la sauvegarde</translation>
    </message>
    <message>
        <source>Backed up to {path}</source>
        <translation>Sauvegardé dans {path}</translation>
    </message>
    <message>
        <source>Restore from backup</source>
        <translation>Restaurer une sauvegarde</translation>
    </message>
    <message>
        <source>Restore failed</source>
        <translation>Échec de la restauration</translation>
    </message>
    <message>
        <source>Cannot open the library</source>
        <translation>Impossible d’ouvrir la bibliothèque</translation>
    </message>
    <message>
        <source>Restored the backup {name}</source>
        <translation>Sauvegarde {name} restaurée</translation>
    </message>
</context>
<context>
    <name>ChartBox</name>
    <message>
        <source>Save…</source>
        <translation>Enregistrer…</translation>
    </message>
    <message>
        <source>Save this chart as a PNG or SVG image</source>
        <translation>Enregistrer ce graphique en image PNG ou SVG</translation>
    </message>
</context>
<context>
    <name>ConflictsDialog</name>
    <message>
        <source>Lab conflicts</source>
        <translation>Conflits avec le laboratoire</translation>
    </message>
    <message>
        <source>Conflicts</source>
        <translation>Conflits</translation>
    </message>
    <message>
        <source>This machine&apos;s version</source>
        <translation>La version de cette machine</translation>
    </message>
    <message>
        <source>The lab&apos;s version</source>
        <translation>La version du laboratoire</translation>
    </message>
    <message>
        <source>Keep &amp;mine</source>
        <translation>Garder la &amp;mienne</translation>
    </message>
    <message>
        <source>Keep &amp;theirs</source>
        <translation>Garder celle du &amp;laboratoire</translation>
    </message>
    <message>
        <source>M&amp;erge…</source>
        <translation>F&amp;usionner…</translation>
    </message>
    <message>
        <source>Write a value that merges both versions</source>
        <translation>Écrire une valeur qui fusionne les deux versions</translation>
    </message>
    <message>
        <source>Mine</source>
        <translation>La mienne</translation>
    </message>
    <message>
        <source>Theirs</source>
        <translation>Celle du laboratoire</translation>
    </message>
    <message>
        <source>note</source>
        <translation>annotation</translation>
    </message>
    <message>
        <source>The {what} of “{title}”</source>
        <translation>« {title} » : {what}</translation>
    </message>
    <message>
        <source>Could not resolve the conflict</source>
        <translation>Impossible de résoudre le conflit</translation>
    </message>
</context>
<context>
    <name>Counts</name>
    <message numerus="yes">
        <source>%n star(s)</source>
        <translation>
            <numerusform>%n étoile</numerusform>
            <numerusform>%n étoiles</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DetailPane</name>
    <message>
        <source>Paper details</source>
        <translation>Détails de l’article</translation>
    </message>
    <message>
        <source>Select a paper to see its details and notes.</source>
        <translation>Sélectionnez un article pour voir ses détails et sa note.</translation>
    </message>
    <message>
        <source>Authors; activate one to show their papers</source>
        <translation>Auteurs&#xa0;; activez un nom pour afficher ses articles</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>Modifier…</translation>
    </message>
    <message>
        <source>Edit the title, authors and abstract</source>
        <translation>Modifier le titre, les auteurs et le résumé</translation>
    </message>
    <message>
        <source>Edit the title, authors and abstract (F2)</source>
        <translation>Modifier le titre, les auteurs et le résumé (F2)</translation>
    </message>
    <message>
        <source>Read in the lab</source>
        <translation>Lu au laboratoire</translation>
    </message>
    <message>
        <source>&amp;Status:</source>
        <translation>&amp;Statut&#xa0;:</translation>
    </message>
    <message>
        <source>Ra&amp;ting:</source>
        <translation>É&amp;valuation&#xa0;:</translation>
    </message>
    <message>
        <source>T&amp;ags:</source>
        <translation>É&amp;tiquettes&#xa0;:</translation>
    </message>
    <message>
        <source>Abstract</source>
        <translation>Résumé</translation>
    </message>
    <message>
        <source>Attachments</source>
        <translation>Pièces jointes</translation>
    </message>
    <message>
        <source>Files and links of this paper; Enter opens one</source>
        <translation>Fichiers et liens de cet article&#xa0;; Entrée ouvre l’élément</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Ouvrir</translation>
    </message>
    <message>
        <source>Locate…</source>
        <translation>Retrouver…</translation>
    </message>
    <message>
        <source>Say where a moved file is now</source>
        <translation>Indiquer où se trouve maintenant un fichier déplacé</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Retirer</translation>
    </message>
    <message>
        <source>Forget this attachment (the file itself is not touched)</source>
        <translation>Oublier cette pièce jointe (le fichier lui-même n’est pas touché)</translation>
    </message>
    <message>
        <source>Attach file…</source>
        <translation>Joindre un fichier…</translation>
    </message>
    <message>
        <source>Add link…</source>
        <translation>Ajouter un lien…</translation>
    </message>
    <message>
        <source>Open the attachment</source>
        <translation>Ouvrir la pièce jointe</translation>
    </message>
    <message>
        <source>Locate the missing file</source>
        <translation>Retrouver le fichier manquant</translation>
    </message>
    <message>
        <source>Remove the attachment</source>
        <translation>Retirer la pièce jointe</translation>
    </message>
    <message>
        <source>Attach a file</source>
        <translation>Joindre un fichier</translation>
    </message>
    <message>
        <source>Add a link</source>
        <translation>Ajouter un lien</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Historique</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>Note: write or preview</source>
        <translation>Note&#xa0;: rédaction ou aperçu</translation>
    </message>
    <message>
        <source>Note preview</source>
        <translation>Aperçu de la note</translation>
    </message>
    <message>
        <source>Write</source>
        <translation>Rédiger</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>Aperçu</translation>
    </message>
    <message numerus="yes">
        <source>%n papers selected. Status, rating and tags you set here apply to all of them.</source>
        <translation>
            <numerusform>%n article sélectionné.</numerusform>
            <numerusform>%n articles sélectionnés. Le statut, l’évaluation et les étiquettes choisis ici s’appliquent à tous.</numerusform>
        </translation>
    </message>
    <message>
        <source>Added {date} · from {sources}</source>
        <translation>Ajouté le {date} · depuis {sources}</translation>
    </message>
    <message>
        <source>This listing gave no abstract.</source>
        <translation>Cette liste ne donnait pas de résumé.</translation>
    </message>
    <message>
        <source>in the Trash</source>
        <translation>dans la corbeille</translation>
    </message>
    <message>
        <source>{name} (missing)</source>
        <translation>{name} (introuvable)</translation>
    </message>
    <message>
        <source>No files or links yet</source>
        <translation>Aucun fichier ni lien pour l’instant</translation>
    </message>
    <message>
        <source>{when} — added as {status}</source>
        <translation>{when} — ajouté comme «&#xa0;{status}&#xa0;»</translation>
    </message>
    <message>
        <source>{when} — {old} → {new}</source>
        <translation>{when} — {old} → {new}</translation>
    </message>
    <message>
        <source>Editing…</source>
        <translation>Modification en cours…</translation>
    </message>
    <message>
        <source>Not saved: {reason}</source>
        <translation>Non enregistrée&#xa0;: {reason}</translation>
    </message>
    <message>
        <source>Saved</source>
        <translation>Enregistrée</translation>
    </message>
    <message>
        <source>No note yet.</source>
        <translation>Pas encore de note.</translation>
    </message>
</context>
<context>
    <name>DuplicatesView</name>
    <message>
        <source>Possible duplicates</source>
        <translation>Doublons possibles</translation>
    </message>
    <message>
        <source>Groups of possible duplicates</source>
        <translation>Groupes de doublons possibles</translation>
    </message>
    <message>
        <source>Paper</source>
        <translation>Article</translation>
    </message>
    <message>
        <source>Authors</source>
        <translation>Auteurs</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Statut</translation>
    </message>
    <message>
        <source>&amp;Merge…</source>
        <translation>&amp;Fusionner…</translation>
    </message>
    <message>
        <source>&amp;Not duplicates</source>
        <translation>&amp;Pas des doublons</translation>
    </message>
    <message numerus="yes">
        <source>%n papers</source>
        <translation>
            <numerusform>%n article</numerusform>
            <numerusform>%n articles</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n group(s) of papers that may be the same.</source>
        <translation>
            <numerusform>%n groupe d’articles qui pourraient être identiques.</numerusform>
            <numerusform>%n groupes d’articles qui pourraient être identiques.</numerusform>
        </translation>
    </message>
    <message>
        <source>No duplicates found.</source>
        <translation>Aucun doublon trouvé.</translation>
    </message>
    <message>
        <source>Could not merge</source>
        <translation>Impossible de fusionner</translation>
    </message>
    <message>
        <source>Could not save that</source>
        <translation>Impossible d’enregistrer ce choix</translation>
    </message>
</context>
<context>
    <name>ExceptionHandler</name>
    <message>
        <source>Unexpected error</source>
        <translation>Erreur inattendue</translation>
    </message>
    <message>
        <source>The details were written to {path}.</source>
        <translation>Les détails ont été écrits dans {path}.</translation>
    </message>
    <message>
        <source>Something went wrong, but readinglist is still running and your work is saved.</source>
        <translation>Un problème est survenu, mais readinglist fonctionne toujours et votre travail est enregistré.</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>Export papers</source>
        <extracomment>The formats whose papers need citation keys that last.</extracomment>
        <translation>Exporter des articles</translation>
    </message>
    <message>
        <source>BibTeX (.bib)</source>
        <translation>BibTeX (.bib)</translation>
    </message>
    <message>
        <source>BibLaTeX (.bib)</source>
        <translation>BibLaTeX (.bib)</translation>
    </message>
    <message>
        <source>RIS (.ris)</source>
        <translation>RIS (.ris)</translation>
    </message>
    <message>
        <source>CSL-JSON (.json)</source>
        <translation>CSL-JSON (.json)</translation>
    </message>
    <message>
        <source>CSV spreadsheet (.csv)</source>
        <translation>Tableur CSV (.csv)</translation>
    </message>
    <message>
        <source>Markdown reading report (.md)</source>
        <translation>Bilan de lecture en Markdown (.md)</translation>
    </message>
    <message numerus="yes">
        <source>The papers in view (%n)</source>
        <translation>
            <numerusform>L’article affiché (%n)</numerusform>
            <numerusform>Les articles affichés (%n)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The selected papers (%n)</source>
        <translation>
            <numerusform>L’article sélectionné (%n)</numerusform>
            <numerusform>Les articles sélectionnés (%n)</numerusform>
        </translation>
    </message>
    <message>
        <source>With reading state (status, rating, tags, notes)</source>
        <translation>Avec l’état de lecture (statut, évaluation, étiquettes, notes)</translation>
    </message>
    <message>
        <source>Off by default: citation files are often shared with others.</source>
        <translation>Désactivé par défaut&#xa0;: les fichiers de références sont souvent partagés.</translation>
    </message>
    <message>
        <source>ASCII only (accents as LaTeX)</source>
        <translation>ASCII seulement (accents en LaTeX)</translation>
    </message>
    <message>
        <source>Format:</source>
        <translation>Format&#xa0;:</translation>
    </message>
    <message>
        <source>Papers:</source>
        <translation>Articles&#xa0;:</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>Exporter…</translation>
    </message>
    <message>
        <source>{label} files (*{suffix})</source>
        <translation>Fichiers {label} (*{suffix})</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>Échec de l’export</translation>
    </message>
    <message>
        <source>Nothing was written to {path}: {why}</source>
        <translation>Rien n’a été écrit dans {path}&#xa0;: {why}</translation>
    </message>
</context>
<context>
    <name>FacetPanel</name>
    <message>
        <source>Filters</source>
        <translation>Filtres</translation>
    </message>
    <message>
        <source>Statuses, listings, tags and authors; press Enter or Space to filter by one</source>
        <translation>Statuts, listes, étiquettes et auteurs&#xa0;; appuyez sur Entrée ou Espace pour filtrer</translation>
    </message>
    <message>
        <source>All papers</source>
        <translation>Tous les articles</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Statut</translation>
    </message>
    <message>
        <source>Listings</source>
        <translation>Listes</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>Étiquettes</translation>
    </message>
    <message>
        <source>Authors</source>
        <translation>Auteurs</translation>
    </message>
    <message>
        <source>Lab</source>
        <translation>Laboratoire</translation>
    </message>
    <message>
        <source>No tags yet</source>
        <translation>Aucune étiquette</translation>
    </message>
    <message>
        <source>No listings yet</source>
        <translation>Aucune liste</translation>
    </message>
    <message>
        <source>None yet</source>
        <translation>Aucun pour l’instant</translation>
    </message>
    <message>
        <source>Read by someone</source>
        <translation>Lu par quelqu’un</translation>
    </message>
    <message>
        <source>Read by nobody</source>
        <translation>Lu par personne</translation>
    </message>
    <message>
        <source>Being read</source>
        <translation>En cours de lecture</translation>
    </message>
    <message>
        <source>Read by someone in the lab</source>
        <translation>Lu par quelqu’un du laboratoire</translation>
    </message>
    <message>
        <source>Read by nobody in the lab</source>
        <translation>Lu par personne du laboratoire</translation>
    </message>
    <message>
        <source>Being read in the lab</source>
        <translation>En cours de lecture au laboratoire</translation>
    </message>
    <message numerus="yes">
        <source>{label}: %Ln papers</source>
        <translation>
            <numerusform>{label}&#xa0;: %Ln article</numerusform>
            <numerusform>{label}&#xa0;: %Ln articles</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>FormatActions</name>
    <message>
        <source>&amp;Export…</source>
        <translation>&amp;Exporter…</translation>
    </message>
    <message>
        <source>Copy as &amp;BibTeX</source>
        <translation>Copier en &amp;BibTeX</translation>
    </message>
    <message>
        <source>&amp;Paste papers</source>
        <translation>C&amp;oller des articles</translation>
    </message>
    <message numerus="yes">
        <source>Copied %n papers as BibTeX</source>
        <translation>
            <numerusform>%n article copié en BibTeX</numerusform>
            <numerusform>%n articles copiés en BibTeX</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>HistoryDialog</name>
    <message>
        <source>History of changes</source>
        <translation>Historique des modifications</translation>
    </message>
    <message>
        <source>Recent changes, newest first</source>
        <translation>Modifications récentes, les plus récentes d’abord</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Modification</translation>
    </message>
    <message>
        <source>State</source>
        <translation>État</translation>
    </message>
    <message>
        <source>&amp;Revert this change</source>
        <translation>&amp;Revenir sur cette modification</translation>
    </message>
    <message>
        <source>undone</source>
        <translation>annulée</translation>
    </message>
    <message>
        <source>Cannot revert this change</source>
        <translation>Impossible de revenir sur cette modification</translation>
    </message>
</context>
<context>
    <name>ImportController</name>
    <message>
        <source>Import listings</source>
        <translation>Importer des listes de publications</translation>
    </message>
    <message>
        <source>Listings and references (*.txt *.bib *.ris *.json);;All files (*)</source>
        <translation>Listes et références (*.txt *.bib *.ris *.json);;Tous les fichiers (*)</translation>
    </message>
    <message numerus="yes">
        <source>Imported %n new paper(s)</source>
        <translation>
            <numerusform>%n nouvel article importé</numerusform>
            <numerusform>%n nouveaux articles importés</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <source>Import listings</source>
        <translation>Importer des listes de publications</translation>
    </message>
    <message>
        <source>Import progress</source>
        <translation>Progression de l’import</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Cancel the import</source>
        <translation>Annuler l’import</translation>
    </message>
    <message>
        <source>Entries found</source>
        <translation>Entrées trouvées</translation>
    </message>
    <message>
        <source>Selected entry</source>
        <translation>Entrée sélectionnée</translation>
    </message>
    <message>
        <source>&amp;Import this entry</source>
        <translation>&amp;Importer cette entrée</translation>
    </message>
    <message>
        <source>Import this entry</source>
        <translation>Importer cette entrée</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Titre</translation>
    </message>
    <message>
        <source>Authors, one per line</source>
        <translation>Auteurs, un par ligne</translation>
    </message>
    <message>
        <source>Abstract</source>
        <translation>Résumé</translation>
    </message>
    <message>
        <source>&amp;Title:</source>
        <translation>&amp;Titre&#xa0;:</translation>
    </message>
    <message>
        <source>A&amp;uthors
(one per line):</source>
        <translation>A&amp;uteurs
(un par ligne)&#xa0;:</translation>
    </message>
    <message>
        <source>Abst&amp;ract:</source>
        <translation>&amp;Résumé&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Apply correction</source>
        <translation>&amp;Appliquer la correction</translation>
    </message>
    <message>
        <source>Apply the correction to this entry</source>
        <translation>Appliquer la correction à cette entrée</translation>
    </message>
    <message>
        <source>Apply the correction (Alt+A or Ctrl+Enter)</source>
        <translation>Appliquer la correction (Alt+A ou Ctrl+Entrée)</translation>
    </message>
    <message>
        <source>&amp;Next to check</source>
        <translation>&amp;Suivante à vérifier</translation>
    </message>
    <message>
        <source>Go to the next entry to check</source>
        <translation>Aller à la prochaine entrée à vérifier</translation>
    </message>
    <message>
        <source>Go to the next entry to check (F8)</source>
        <translation>Aller à la prochaine entrée à vérifier (F8)</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Importer</translation>
    </message>
    <message>
        <source>Import the chosen entries</source>
        <translation>Importer les entrées choisies</translation>
    </message>
    <message>
        <source>Cancel; nothing is imported</source>
        <translation>Annuler&#xa0;; rien n’est importé</translation>
    </message>
    <message>
        <source>Next entry to check</source>
        <translation>Prochaine entrée à vérifier</translation>
    </message>
    <message>
        <source>Import this entry or not</source>
        <translation>Importer cette entrée ou non</translation>
    </message>
    <message>
        <source>Apply the correction</source>
        <translation>Appliquer la correction</translation>
    </message>
    <message>
        <source>Space: import this entry or not; F8: next entry to check</source>
        <translation>Espace&#xa0;: importer cette entrée ou non&#xa0;; F8&#xa0;: prochaine entrée à vérifier</translation>
    </message>
    <message>
        <source>Restore them from the Trash</source>
        <translation>Les restaurer depuis la corbeille</translation>
    </message>
    <message>
        <source>Restore the papers of these listings that are in the Trash</source>
        <translation>Restaurer les articles de ces listes qui sont dans la corbeille</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Fermer</translation>
    </message>
    <message>
        <source>Reading {names}…</source>
        <translation>Lecture de {names}…</translation>
    </message>
    <message>
        <source>These files could not be read and are left out; nothing from them is imported:</source>
        <translation>Ces fichiers n’ont pas pu être lus et sont laissés de côté&#xa0;; rien n’en est importé&#xa0;:</translation>
    </message>
    <message>
        <source>Nothing was imported</source>
        <translation>Rien n’a été importé</translation>
    </message>
    <message numerus="yes">
        <source>Found %n entries</source>
        <translation>
            <numerusform>%n entrée trouvée</numerusform>
            <numerusform>%n entrées trouvées</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>in %n listings:</source>
        <translation>
            <numerusform>dans %n liste&#xa0;:</numerusform>
            <numerusform>dans %n listes&#xa0;:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n new,</source>
        <translation>
            <numerusform>%n nouvelle,</numerusform>
            <numerusform>%n nouvelles,</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n already in the library.</source>
        <translation>
            <numerusform>%n déjà dans la bibliothèque.</numerusform>
            <numerusform>%n déjà dans la bibliothèque.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n are in the Trash: they stay there (the report offers to restore them).</source>
        <translation>
            <numerusform>%n est dans la corbeille&#xa0;: il y reste (le bilan propose de le restaurer).</numerusform>
            <numerusform>%n sont dans la corbeille&#xa0;: ils y restent (le bilan propose de les restaurer).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n entries the reader is unsure of are highlighted: check them and correct them or leave them out.</source>
        <translation>
            <numerusform>%n entrée dont la lecture est incertaine est surlignée&#xa0;: vérifiez-la, corrigez-la ou écartez-la.</numerusform>
            <numerusform>%n entrées dont la lecture est incertaine sont surlignées&#xa0;: vérifiez-les, corrigez-les ou écartez-les.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Import %n new papers</source>
        <translation>
            <numerusform>Importer %n nouvel article</numerusform>
            <numerusform>Importer %n nouveaux articles</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Import %n entries</source>
        <translation>
            <numerusform>Importer %n entrée</numerusform>
            <numerusform>Importer %n entrées</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Importing %n entries…</source>
        <translation>
            <numerusform>Import de %n entrée…</numerusform>
            <numerusform>Import de %n entrées…</numerusform>
        </translation>
    </message>
    <message>
        <source>Import cancelled</source>
        <translation>Import annulé</translation>
    </message>
    <message numerus="yes">
        <source>Imported: %n new papers</source>
        <translation>
            <numerusform>Import terminé&#xa0;: %n nouvel article</numerusform>
            <numerusform>Import terminé&#xa0;: %n nouveaux articles</numerusform>
        </translation>
    </message>
    <message>
        <source>{listing}: {entries} entries — {new} new, {updated} updated, {unchanged} already there</source>
        <translation>{listing}&#xa0;: {entries} entrées — {new} nouvelles, {updated} complétées, {unchanged} déjà présentes</translation>
    </message>
    <message numerus="yes">
        <source>%n of its papers are in the Trash and were left there</source>
        <translation>
            <numerusform>%n de ses articles est dans la corbeille et y a été laissé</numerusform>
            <numerusform>%n de ses articles sont dans la corbeille et y ont été laissés</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>filled in missing fields of %n papers</source>
        <translation>
            <numerusform>champs manquants complétés pour %n article</numerusform>
            <numerusform>champs manquants complétés pour %n articles</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n papers kept the status you had set (the file gives a lower one)</source>
        <translation>
            <numerusform>%n article a gardé le statut que vous aviez choisi (le fichier en donne un moins avancé)</numerusform>
            <numerusform>%n articles ont gardé le statut que vous aviez choisi (le fichier en donne un moins avancé)</numerusform>
        </translation>
    </message>
    <message>
        <source>saved searches added: {names}</source>
        <translation>recherches enregistrées ajoutées : {names}</translation>
    </message>
    <message>
        <source>your saved search “{name}” was kept (the file has another query)</source>
        <translation>votre recherche enregistrée « {name} » a été gardée (le fichier en donne une autre)</translation>
    </message>
    <message>
        <source>worth a second look: line {line}, “{title}”</source>
        <translation>à revoir&#xa0;: ligne {line}, «&#xa0;{title}&#xa0;»</translation>
    </message>
    <message>
        <source>Nothing was imported: the import is one transaction.</source>
        <translation>Rien n’a été importé&#xa0;: l’import se fait en une seule transaction.</translation>
    </message>
    <message numerus="yes">
        <source>Restored %n paper(s) from the Trash.</source>
        <translation>
            <numerusform>%n article restauré depuis la corbeille.</numerusform>
            <numerusform>%n articles restaurés depuis la corbeille.</numerusform>
        </translation>
    </message>
    <message>
        <source>An unexpected error stopped the import: {error}</source>
        <translation>Une erreur inattendue a interrompu l’import&#xa0;: {error}</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Annulation…</translation>
    </message>
</context>
<context>
    <name>JoinLabDialog</name>
    <message>
        <source>Join a lab server</source>
        <translation>Rejoindre un serveur de laboratoire</translation>
    </message>
    <message>
        <source>Lab server URL</source>
        <translation>URL du serveur du laboratoire</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Mot de passe</translation>
    </message>
    <message>
        <source>Server &amp;URL:</source>
        <translation>&amp;URL du serveur :</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>Mot de &amp;passe :</translation>
    </message>
    <message>
        <source>&amp;Test the connection</source>
        <translation>&amp;Tester la connexion</translation>
    </message>
    <message>
        <source>&amp;Join</source>
        <translation>&amp;Rejoindre</translation>
    </message>
    <message>
        <source>Your papers are shared with the lab; your status, rating, tags and notes stay yours. The password is kept in the system keyring.</source>
        <translation>Vos articles sont partagés avec le laboratoire ; vos statuts, notes, étiquettes et annotations restent à vous. Le mot de passe est gardé dans le trousseau du système.</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Connexion…</translation>
    </message>
    <message>
        <source>Connected as {member}.</source>
        <translation>Connecté en tant que {member}.</translation>
    </message>
    <message>
        <source>Joining: uploading and matching your papers…</source>
        <translation>Adhésion : envoi et rapprochement de vos articles…</translation>
    </message>
    <message>
        <source>No keyring</source>
        <translation>Pas de trousseau</translation>
    </message>
    <message>
        <source>This system has no keyring to keep the password in; set READINGLIST_LAB_PASSWORD for the app to sync.</source>
        <translation>Ce système n’a pas de trousseau où garder le mot de passe ; définissez READINGLIST_LAB_PASSWORD pour que l’application synchronise.</translation>
    </message>
</context>
<context>
    <name>JournalText</name>
    <message>
        <source>title</source>
        <translation>le titre</translation>
    </message>
    <message>
        <source>authors</source>
        <translation>les auteurs</translation>
    </message>
    <message>
        <source>abstract</source>
        <translation>le résumé</translation>
    </message>
    <message>
        <source>“{text}”</source>
        <translation>«&#xa0;{text}&#xa0;»</translation>
    </message>
    <message>
        <source>Set status to {status}</source>
        <translation>Passer au statut «&#xa0;{status}&#xa0;»</translation>
    </message>
    <message>
        <source>Remove the rating</source>
        <translation>Retirer l’évaluation</translation>
    </message>
    <message numerus="yes">
        <source>Rate %n star(s)</source>
        <translation>
            <numerusform>Évaluer à %n étoile</numerusform>
            <numerusform>Évaluer à %n étoiles</numerusform>
        </translation>
    </message>
    <message>
        <source>Change tags</source>
        <translation>Modifier les étiquettes</translation>
    </message>
    <message>
        <source>Tag {tags}</source>
        <translation>Ajouter des étiquettes&#xa0;: {tags}</translation>
    </message>
    <message>
        <source>Untag {tags}</source>
        <translation>Retirer des étiquettes&#xa0;: {tags}</translation>
    </message>
    <message>
        <source>Edit note</source>
        <translation>Modifier la note</translation>
    </message>
    <message>
        <source>Edit paper</source>
        <translation>Modifier l’article</translation>
    </message>
    <message>
        <source>Move to Trash</source>
        <translation>Mettre à la corbeille</translation>
    </message>
    <message>
        <source>Restore from Trash</source>
        <translation>Restaurer depuis la corbeille</translation>
    </message>
    <message>
        <source>Empty the Trash</source>
        <translation>Vider la corbeille</translation>
    </message>
    <message>
        <source>Mark as not duplicates</source>
        <translation>Marquer comme non doublons</translation>
    </message>
    <message>
        <source>Remove attachment</source>
        <translation>Retirer la pièce jointe</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Importer</translation>
    </message>
    <message>
        <source>Edit {fields} of {title}</source>
        <translation>Modifier {fields} de {title}</translation>
    </message>
    <message>
        <source>, </source>
        <translation>, </translation>
    </message>
    <message>
        <source>Add {title}</source>
        <translation>Ajouter {title}</translation>
    </message>
    <message>
        <source>Move {title} to place {place} in the queue</source>
        <translation>Placer {title} en position {place} dans la file</translation>
    </message>
    <message>
        <source>Move to place {place} in the queue</source>
        <translation>Placer en position {place} dans la file</translation>
    </message>
    <message numerus="yes">
        <source>Import {names} (%n new paper(s))</source>
        <translation>
            <numerusform>Importer {names} (%n nouvel article)</numerusform>
            <numerusform>Importer {names} (%n nouveaux articles)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Merge %n paper(s)</source>
        <translation>
            <numerusform>Fusionner %n article</numerusform>
            <numerusform>Fusionner %n articles</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Give citation keys to %n paper(s)</source>
        <translation>
            <numerusform>Attribuer une clé de citation à %n article</numerusform>
            <numerusform>Attribuer des clés de citation à %n articles</numerusform>
        </translation>
    </message>
    <message>
        <source>Attach {name}</source>
        <translation>Joindre {name}</translation>
    </message>
    <message>
        <source>Locate {name}</source>
        <translation>Retrouver {name}</translation>
    </message>
    <message>
        <source>Save the search {name}</source>
        <translation>Enregistrer la recherche {name}</translation>
    </message>
    <message>
        <source>Delete the saved search {name}</source>
        <translation>Supprimer la recherche enregistrée {name}</translation>
    </message>
    <message>
        <source>Rename the saved search {old} to {new}</source>
        <translation>Renommer la recherche enregistrée {old} en {new}</translation>
    </message>
    <message>
        <source>Revert {change}</source>
        <translation>Revenir sur {change}</translation>
    </message>
    <message numerus="yes">
        <source>{change} (%n paper(s))</source>
        <translation>
            <numerusform>{change} (%n article)</numerusform>
            <numerusform>{change} (%n articles)</numerusform>
        </translation>
    </message>
    <message>
        <source>{change}: {title}</source>
        <translation>{change}&#xa0;: {title}</translation>
    </message>
</context>
<context>
    <name>Keyboard</name>
    <message>
        <source>Clear the search (in the search field)</source>
        <translation>Effacer la recherche (dans le champ de recherche)</translation>
    </message>
    <message>
        <source>From the search field to the paper list</source>
        <translation>Du champ de recherche à la liste des articles</translation>
    </message>
    <message>
        <source>Filter by the sidebar item</source>
        <translation>Filtrer par l’élément du panneau latéral</translation>
    </message>
    <message>
        <source>Change the rating (on the stars)</source>
        <translation>Changer l’évaluation (sur les étoiles)</translation>
    </message>
    <message>
        <source>Add the typed tags (in the tag field)</source>
        <translation>Ajouter les étiquettes saisies (dans le champ des étiquettes)</translation>
    </message>
    <message>
        <source>Next or previous control</source>
        <translation>Élément suivant ou précédent</translation>
    </message>
    <message>
        <source>Elsewhere</source>
        <translation>Ailleurs</translation>
    </message>
    <message>
        <source>Undo the last change</source>
        <translation>Annuler la dernière modification</translation>
    </message>
    <message>
        <source>Redo the change undone</source>
        <translation>Rétablir la modification annulée</translation>
    </message>
</context>
<context>
    <name>LabController</name>
    <message>
        <source>Lab sync</source>
        <translation>Synchronisation avec le laboratoire</translation>
    </message>
    <message>
        <source>Add a tag (shared with the lab)…</source>
        <translation>Ajouter une étiquette (partagée avec le laboratoire)…</translation>
    </message>
    <message>
        <source>Tags are shared with the lab: every member sees and edits the same tags</source>
        <translation>Les étiquettes sont partagées avec le laboratoire : chaque membre voit et modifie les mêmes</translation>
    </message>
    <message>
        <source>Lab: sharing your status and rating…</source>
        <translation>Laboratoire : partage de votre statut et de votre note…</translation>
    </message>
    <message>
        <source>Lab: hiding your status and rating…</source>
        <translation>Laboratoire : masquage de votre statut et de votre note…</translation>
    </message>
    <message>
        <source>Lab: your status and rating are shown to the lab</source>
        <translation>Laboratoire : votre statut et votre note sont visibles du laboratoire</translation>
    </message>
    <message>
        <source>Lab: your status and rating are private</source>
        <translation>Laboratoire : votre statut et votre note sont privés</translation>
    </message>
    <message>
        <source>You are {member} in the lab at {server}</source>
        <translation>Vous êtes {member} au laboratoire de {server}</translation>
    </message>
    <message>
        <source>Lab: syncing…</source>
        <translation>Laboratoire : synchronisation…</translation>
    </message>
    <message numerus="yes">
        <source>Lab: %n conflict(s) to resolve</source>
        <translation>
            <numerusform>Laboratoire : %n conflit à résoudre</numerusform>
            <numerusform>Laboratoire : %n conflits à résoudre</numerusform>
        </translation>
    </message>
    <message>
        <source>Lab: synced at {time}</source>
        <translation>Laboratoire : synchronisé à {time}</translation>
    </message>
    <message>
        <source>Lab: offline since {time}</source>
        <translation>Laboratoire : hors ligne depuis {time}</translation>
    </message>
    <message>
        <source>S&amp;hare my status and rating with the lab</source>
        <translation>&amp;Partager mon statut et ma note avec le laboratoire</translation>
    </message>
    <message>
        <source>Lab members then see who has read each paper; your notes and tags stay private</source>
        <translation>Les membres du laboratoire voient alors qui a lu chaque article ; vos notes et étiquettes restent privées</translation>
    </message>
    <message>
        <source>Lab: {error}</source>
        <translation>Laboratoire : {error}</translation>
    </message>
    <message>
        <source>&amp;Lab</source>
        <translation>&amp;Laboratoire</translation>
    </message>
    <message>
        <source>&amp;Join a lab server…</source>
        <translation>&amp;Rejoindre un serveur de laboratoire…</translation>
    </message>
    <message>
        <source>&amp;Sync now</source>
        <translation>&amp;Synchroniser maintenant</translation>
    </message>
    <message>
        <source>&amp;Conflicts to resolve…</source>
        <translation>&amp;Conflits à résoudre…</translation>
    </message>
</context>
<context>
    <name>LabField</name>
    <message>
        <source>title</source>
        <translation>le titre</translation>
    </message>
    <message>
        <source>authors</source>
        <translation>les auteurs</translation>
    </message>
    <message>
        <source>abstract</source>
        <translation>le résumé</translation>
    </message>
    <message>
        <source>links</source>
        <translation>liens</translation>
    </message>
    <message>
        <source>year</source>
        <translation>année</translation>
    </message>
    <message>
        <source>venue</source>
        <translation>publié dans</translation>
    </message>
    <message>
        <source>DOI</source>
        <translation>DOI</translation>
    </message>
</context>
<context>
    <name>LabReadersText</name>
    <message>
        <source>you</source>
        <translation>vous</translation>
    </message>
    <message>
        <source>Nobody in the lab has read it yet.</source>
        <translation>Personne au laboratoire ne l’a encore lu.</translation>
    </message>
    <message numerus="yes">
        <source>Read by %n in the lab</source>
        <translation>
            <numerusform>Lu par %n personne du laboratoire</numerusform>
            <numerusform>Lu par %n personnes du laboratoire</numerusform>
        </translation>
    </message>
    <message>
        <source>: {names}</source>
        <translation> : {names}</translation>
    </message>
    <message>
        <source>Being read by {names}.</source>
        <translation>En cours de lecture par {names}.</translation>
    </message>
    <message numerus="yes">
        <source>Being read by %n in the lab.</source>
        <translation>
            <numerusform>En cours de lecture par %n personne du laboratoire.</numerusform>
            <numerusform>En cours de lecture par %n personnes du laboratoire.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>LanguageMenu</name>
    <message>
        <source>The new language is used the next time readinglist starts.</source>
        <translation>La nouvelle langue sera utilisée au prochain démarrage de readinglist.</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Langue</translation>
    </message>
    <message>
        <source>Follow the &amp;system</source>
        <translation>Suivre le &amp;système</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Langue</translation>
    </message>
</context>
<context>
    <name>LibraryActions</name>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Annuler</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;Rétablir</translation>
    </message>
    <message>
        <source>&amp;History…</source>
        <translation>&amp;Historique…</translation>
    </message>
    <message>
        <source>&amp;New paper…</source>
        <translation>&amp;Nouvel article…</translation>
    </message>
    <message>
        <source>Edit &amp;paper…</source>
        <translation>&amp;Modifier l’article…</translation>
    </message>
    <message>
        <source>Move to Tr&amp;ash</source>
        <translation>Mettre à la &amp;corbeille</translation>
    </message>
    <message>
        <source>Restore from Trash</source>
        <translation>Restaurer depuis la corbeille</translation>
    </message>
    <message>
        <source>&amp;Empty Trash…</source>
        <translation>&amp;Vider la corbeille…</translation>
    </message>
    <message>
        <source>Find &amp;duplicates…</source>
        <translation>Chercher les &amp;doublons…</translation>
    </message>
    <message>
        <source>Attach &amp;file…</source>
        <translation>Joindre un &amp;fichier…</translation>
    </message>
    <message>
        <source>Add &amp;link…</source>
        <translation>Ajouter un &amp;lien…</translation>
    </message>
    <message>
        <source>&amp;Open attachment</source>
        <translation>&amp;Ouvrir la pièce jointe</translation>
    </message>
    <message>
        <source>Read &amp;next</source>
        <translation>Lire l’article s&amp;uivant</translation>
    </message>
    <message>
        <source>Move &amp;up in the queue</source>
        <translation>Monter dans la f&amp;ile</translation>
    </message>
    <message>
        <source>Move &amp;down in the queue</source>
        <translation>Descendre dans la &amp;file</translation>
    </message>
    <message>
        <source>Move to &amp;top of the queue</source>
        <translation>Mettre en &amp;tête de la file</translation>
    </message>
    <message>
        <source>Move to &amp;bottom of the queue</source>
        <translation>Mettre en &amp;bas de la file</translation>
    </message>
    <message>
        <source>Library &amp;settings…</source>
        <translation>Ré&amp;glages de la bibliothèque…</translation>
    </message>
    <message>
        <source>&amp;Save search…</source>
        <translation>&amp;Enregistrer la recherche…</translation>
    </message>
    <message>
        <source>&amp;Undo {label}</source>
        <translation>&amp;Annuler&#xa0;: {label}</translation>
    </message>
    <message>
        <source>&amp;Redo {label}</source>
        <translation>&amp;Rétablir&#xa0;: {label}</translation>
    </message>
    <message>
        <source>Cannot undo</source>
        <translation>Impossible d’annuler</translation>
    </message>
    <message>
        <source>Undid: {label}</source>
        <translation>Annulé&#xa0;: {label}</translation>
    </message>
    <message>
        <source>Cannot redo</source>
        <translation>Impossible de rétablir</translation>
    </message>
    <message>
        <source>Redid: {label}</source>
        <translation>Rétabli&#xa0;: {label}</translation>
    </message>
    <message>
        <source>Reverted the change</source>
        <translation>Modification annulée</translation>
    </message>
    <message>
        <source>Could not add the paper</source>
        <translation>Impossible d’ajouter l’article</translation>
    </message>
    <message>
        <source>Added “{title}”</source>
        <translation>«&#xa0;{title}&#xa0;» ajouté</translation>
    </message>
    <message>
        <source>Could not save the paper</source>
        <translation>Impossible d’enregistrer l’article</translation>
    </message>
    <message>
        <source>Saved the paper</source>
        <translation>Article enregistré</translation>
    </message>
    <message>
        <source>Could not move to the Trash</source>
        <translation>Impossible de mettre à la corbeille</translation>
    </message>
    <message numerus="yes">
        <source>Moved %n paper(s) to the Trash; Ctrl+Z brings them back</source>
        <translation>
            <numerusform>%n article mis à la corbeille&#xa0;; Ctrl+Z le fait revenir</numerusform>
            <numerusform>%n articles mis à la corbeille&#xa0;; Ctrl+Z les fait revenir</numerusform>
        </translation>
    </message>
    <message>
        <source>Could not restore</source>
        <translation>Impossible de restaurer</translation>
    </message>
    <message numerus="yes">
        <source>Restored %n paper(s)</source>
        <translation>
            <numerusform>%n article restauré</numerusform>
            <numerusform>%n articles restaurés</numerusform>
        </translation>
    </message>
    <message>
        <source>The Trash is empty.</source>
        <translation>La corbeille est vide.</translation>
    </message>
    <message>
        <source>Empty the Trash</source>
        <translation>Vider la corbeille</translation>
    </message>
    <message numerus="yes">
        <source>Delete the %n paper(s) in the Trash, with their notes and history? (Edit ▸ Undo can still bring them back.)</source>
        <translation>
            <numerusform>Supprimer l’article de la corbeille, avec sa note et son historique&#xa0;? (Édition ▸ Annuler peut encore le faire revenir.)</numerusform>
            <numerusform>Supprimer les %n articles de la corbeille, avec leurs notes et leur historique&#xa0;? (Édition ▸ Annuler peut encore les faire revenir.)</numerusform>
        </translation>
    </message>
    <message>
        <source>Could not empty the Trash</source>
        <translation>Impossible de vider la corbeille</translation>
    </message>
    <message>
        <source>Emptied the Trash</source>
        <translation>Corbeille vidée</translation>
    </message>
    <message>
        <source>Merged</source>
        <translation>Fusionnés</translation>
    </message>
    <message>
        <source>Attach a file</source>
        <translation>Joindre un fichier</translation>
    </message>
    <message>
        <source>PDF files (*.pdf);;All files (*)</source>
        <translation>Fichiers PDF (*.pdf);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>Could not attach the file</source>
        <translation>Impossible de joindre le fichier</translation>
    </message>
    <message>
        <source>Attached {name}</source>
        <translation>{name} joint</translation>
    </message>
    <message>
        <source>Add a link</source>
        <translation>Ajouter un lien</translation>
    </message>
    <message>
        <source>Address (https://…):</source>
        <translation>Adresse (https://…)&#xa0;:</translation>
    </message>
    <message>
        <source>Could not add the link</source>
        <translation>Impossible d’ajouter le lien</translation>
    </message>
    <message>
        <source>Added the link</source>
        <translation>Lien ajouté</translation>
    </message>
    <message>
        <source>This paper has no attachment: Paper ▸ Attach file… adds one.</source>
        <translation>Cet article n’a pas de pièce jointe&#xa0;: Article ▸ Joindre un fichier… en ajoute une.</translation>
    </message>
    <message>
        <source>File not found</source>
        <translation>Fichier introuvable</translation>
    </message>
    <message>
        <source>{path} is not there any more. Use “Locate…” beside it to say where it is now.</source>
        <translation>{path} n’est plus là. Utilisez «&#xa0;Retrouver…&#xa0;» à côté pour indiquer où il se trouve maintenant.</translation>
    </message>
    <message>
        <source>Opened; marked Reading</source>
        <translation>Ouvert&#xa0;; marqué «&#xa0;En cours&#xa0;»</translation>
    </message>
    <message>
        <source>Where is the file now?</source>
        <translation>Où se trouve le fichier maintenant&#xa0;?</translation>
    </message>
    <message>
        <source>Could not update the attachment</source>
        <translation>Impossible de mettre à jour la pièce jointe</translation>
    </message>
    <message>
        <source>Updated where the file is</source>
        <translation>Emplacement du fichier mis à jour</translation>
    </message>
    <message>
        <source>Could not remove the attachment</source>
        <translation>Impossible de retirer la pièce jointe</translation>
    </message>
    <message>
        <source>Removed the attachment (the file itself is untouched)</source>
        <translation>Pièce jointe retirée (le fichier lui-même n’est pas touché)</translation>
    </message>
    <message>
        <source>Saved the library settings</source>
        <translation>Réglages de la bibliothèque enregistrés</translation>
    </message>
    <message>
        <source>Type a search first, then save it under a name.</source>
        <translation>Saisissez d’abord une recherche, puis enregistrez-la sous un nom.</translation>
    </message>
    <message>
        <source>Save the search</source>
        <translation>Enregistrer la recherche</translation>
    </message>
    <message>
        <source>Name of this search:</source>
        <translation>Nom de cette recherche&#xa0;:</translation>
    </message>
    <message>
        <source>Could not save the search</source>
        <translation>Impossible d’enregistrer la recherche</translation>
    </message>
    <message>
        <source>Saved the search “{name}”</source>
        <translation>Recherche «&#xa0;{name}&#xa0;» enregistrée</translation>
    </message>
    <message>
        <source>Rename the saved search</source>
        <translation>Renommer la recherche enregistrée</translation>
    </message>
    <message>
        <source>New name:</source>
        <translation>Nouveau nom&#xa0;:</translation>
    </message>
    <message>
        <source>Could not rename the search</source>
        <translation>Impossible de renommer la recherche</translation>
    </message>
    <message>
        <source>Renamed the search</source>
        <translation>Recherche renommée</translation>
    </message>
    <message>
        <source>Edit the saved search</source>
        <translation>Modifier la recherche enregistrée</translation>
    </message>
    <message>
        <source>Query:</source>
        <translation>Requête&#xa0;:</translation>
    </message>
    <message>
        <source>Could not change the search</source>
        <translation>Impossible de modifier la recherche</translation>
    </message>
    <message>
        <source>Changed the search “{name}”</source>
        <translation>Recherche «&#xa0;{name}&#xa0;» modifiée</translation>
    </message>
    <message>
        <source>Could not delete the search</source>
        <translation>Impossible de supprimer la recherche</translation>
    </message>
    <message>
        <source>Deleted the search “{name}”; Ctrl+Z brings it back</source>
        <translation>Recherche «&#xa0;{name}&#xa0;» supprimée&#xa0;; Ctrl+Z la fait revenir</translation>
    </message>
    <message>
        <source>The queue is empty: mark papers To read to fill it.</source>
        <translation>La file est vide&#xa0;: marquez des articles «&#xa0;À lire&#xa0;» pour la remplir.</translation>
    </message>
    <message>
        <source>Could not start reading</source>
        <translation>Impossible de commencer la lecture</translation>
    </message>
    <message>
        <source>Reading next: {title}</source>
        <translation>Lecture suivante&#xa0;: {title}</translation>
    </message>
    <message>
        <source>Only To read papers are in the queue.</source>
        <translation>Seuls les articles «&#xa0;À lire&#xa0;» sont dans la file.</translation>
    </message>
    <message>
        <source>Could not move in the queue</source>
        <translation>Impossible de déplacer dans la file</translation>
    </message>
    <message>
        <source>Moved in the queue</source>
        <translation>Déplacé dans la file</translation>
    </message>
</context>
<context>
    <name>LibrarySettingsDialog</name>
    <message>
        <source>Library settings</source>
        <translation>Réglages de la bibliothèque</translation>
    </message>
    <message>
        <source>Papers folder</source>
        <translation>Dossier des articles</translation>
    </message>
    <message>
        <source>None: files are remembered by full path</source>
        <translation>Aucun&#xa0;: les fichiers sont retenus par leur chemin complet</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Choisir…</translation>
    </message>
    <message>
        <source>Choose the papers folder</source>
        <translation>Choisir le dossier des articles</translation>
    </message>
    <message>
        <source>Files attached from inside this folder are remembered relative to it, so the library keeps finding them when the folder moves or is synced to another machine. readinglist never copies, moves or deletes your files.</source>
        <translation>Les fichiers joints depuis ce dossier sont retenus par rapport à lui&#xa0;: la bibliothèque les retrouve quand le dossier est déplacé ou synchronisé sur une autre machine. readinglist ne copie, ne déplace ni ne supprime jamais vos fichiers.</translation>
    </message>
    <message>
        <source>Opening a paper&apos;s file moves it from New or To read to Reading</source>
        <translation>Ouvrir le fichier d’un article le fait passer de «&#xa0;Nouveau&#xa0;» ou «&#xa0;À lire&#xa0;» à «&#xa0;En cours&#xa0;»</translation>
    </message>
    <message>
        <source>Where new To read papers join the queue</source>
        <translation>Où les nouveaux articles «&#xa0;À lire&#xa0;» rejoignent la file</translation>
    </message>
    <message>
        <source>at the end</source>
        <translation>à la fin</translation>
    </message>
    <message>
        <source>at the top</source>
        <translation>en tête</translation>
    </message>
    <message>
        <source>&amp;Papers folder:</source>
        <translation>&amp;Dossier des articles&#xa0;:</translation>
    </message>
    <message>
        <source>New To read papers join the &amp;queue:</source>
        <translation>Les nouveaux articles «&#xa0;À lire&#xa0;» rejoignent la &amp;file&#xa0;:</translation>
    </message>
    <message>
        <source>{folder} is not a folder; choose an existing one.</source>
        <translation>{folder} n’est pas un dossier&#xa0;; choisissez-en un qui existe.</translation>
    </message>
    <message>
        <source>Set the papers folder</source>
        <translation>Définir le dossier des articles</translation>
    </message>
    <message>
        <source>Change what opening a file does</source>
        <translation>Changer l’effet de l’ouverture d’un fichier</translation>
    </message>
    <message>
        <source>Change where the queue grows</source>
        <translation>Changer où la file s’allonge</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>readinglist</source>
        <translation>readinglist</translation>
    </message>
    <message>
        <source>Trash</source>
        <translation>Corbeille</translation>
    </message>
    <message>
        <source>Papers you deleted; select some to restore them</source>
        <translation>Articles supprimés&#xa0;; sélectionnez-en pour les restaurer</translation>
    </message>
    <message>
        <source>&amp;Clear search and filters</source>
        <translation>&amp;Effacer la recherche et les filtres</translation>
    </message>
    <message>
        <source>&amp;Import listings…</source>
        <translation>&amp;Importer une liste de publications…</translation>
    </message>
    <message>
        <source>Import the &amp;sample listings</source>
        <translation>Importer les listes d’e&amp;xemple</translation>
    </message>
    <message>
        <source>&amp;Back up now</source>
        <translation>&amp;Sauvegarder maintenant</translation>
    </message>
    <message>
        <source>&amp;Restore from backup…</source>
        <translation>&amp;Restaurer une sauvegarde…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Quitter</translation>
    </message>
    <message>
        <source>&amp;Find</source>
        <translation>&amp;Rechercher</translation>
    </message>
    <message>
        <source>Go to &amp;sidebar</source>
        <translation>Aller au panneau la&amp;téral</translation>
    </message>
    <message>
        <source>Go to &amp;paper list</source>
        <translation>Aller à la liste des &amp;articles</translation>
    </message>
    <message>
        <source>Go to &amp;details</source>
        <translation>Aller aux &amp;détails</translation>
    </message>
    <message>
        <source>&amp;Edit note</source>
        <translation>Modifier la &amp;note</translation>
    </message>
    <message>
        <source>Add &amp;tag…</source>
        <translation>Ajouter une é&amp;tiquette…</translation>
    </message>
    <message>
        <source>No rating</source>
        <translation>Aucune évaluation</translation>
    </message>
    <message>
        <source>Follow the &amp;system</source>
        <translation>Suivre le &amp;système</translation>
    </message>
    <message>
        <source>&amp;Light</source>
        <translation>&amp;Clair</translation>
    </message>
    <message>
        <source>&amp;Dark</source>
        <translation>S&amp;ombre</translation>
    </message>
    <message>
        <source>&amp;About readinglist</source>
        <translation>À &amp;propos de readinglist</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>Raccourcis &amp;clavier</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Fichier</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>É&amp;dition</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Affichage</translation>
    </message>
    <message>
        <source>&amp;Appearance</source>
        <translation>A&amp;pparence</translation>
    </message>
    <message>
        <source>&amp;Paper</source>
        <translation>A&amp;rticle</translation>
    </message>
    <message>
        <source>Set &amp;status</source>
        <translation>Définir le &amp;statut</translation>
    </message>
    <message>
        <source>Set &amp;rating</source>
        <translation>Définir l’é&amp;valuation</translation>
    </message>
    <message>
        <source>&amp;Queue</source>
        <translation>File d’&amp;attente</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>Aid&amp;e</translation>
    </message>
    <message>
        <source>status: {names}</source>
        <translation>statut&#xa0;: {names}</translation>
    </message>
    <message>
        <source>listing: {name}</source>
        <translation>liste&#xa0;: {name}</translation>
    </message>
    <message>
        <source>tag: {name}</source>
        <translation>étiquette&#xa0;: {name}</translation>
    </message>
    <message>
        <source>author: {name}</source>
        <translation>auteur&#xa0;: {name}</translation>
    </message>
    <message>
        <source>the Trash</source>
        <translation>la corbeille</translation>
    </message>
    <message>
        <source>Trash ({count})</source>
        <translation>Corbeille ({count})</translation>
    </message>
    <message numerus="yes">
        <source>Trash, %n paper(s)</source>
        <translation>
            <numerusform>Corbeille, %n article</numerusform>
            <numerusform>Corbeille, %n articles</numerusform>
        </translation>
    </message>
    <message>
        <source>Showing papers by {name}</source>
        <translation>Articles de {name}</translation>
    </message>
    <message>
        <source>Could not set the status</source>
        <translation>Impossible de changer le statut</translation>
    </message>
    <message numerus="yes">
        <source>%n paper(s) marked</source>
        <translation>
            <numerusform>%n article marqué</numerusform>
            <numerusform>%n articles marqués</numerusform>
        </translation>
    </message>
    <message>
        <source>Could not set the rating</source>
        <translation>Impossible de changer l’évaluation</translation>
    </message>
    <message numerus="yes">
        <source>Rated %n paper(s)</source>
        <translation>
            <numerusform>%n article évalué</numerusform>
            <numerusform>%n articles évalués</numerusform>
        </translation>
    </message>
    <message>
        <source>Could not change the tags</source>
        <translation>Impossible de modifier les étiquettes</translation>
    </message>
    <message numerus="yes">
        <source>Tags changed on %n paper(s)</source>
        <translation>
            <numerusform>Étiquettes modifiées sur %n article</numerusform>
            <numerusform>Étiquettes modifiées sur %n articles</numerusform>
        </translation>
    </message>
    <message>
        <source>About readinglist</source>
        <translation>À propos de readinglist</translation>
    </message>
    <message>
        <source>&lt;h3&gt;readinglist {version}&lt;/h3&gt;&lt;p&gt;An offline reading list for researchers: import lab publication listings, triage, read, rate and annotate.&lt;/p&gt;&lt;p&gt;Your library: {folder}&lt;/p&gt;</source>
        <translation>&lt;h3&gt;readinglist {version}&lt;/h3&gt;&lt;p&gt;Une liste de lecture hors ligne pour les chercheurs&#xa0;: importez les listes de publications des laboratoires, triez, lisez, évaluez et annotez.&lt;/p&gt;&lt;p&gt;Votre bibliothèque&#xa0;: {folder}&lt;/p&gt;</translation>
    </message>
    <message>
        <source>The note is not saved</source>
        <translation>La note n’est pas enregistrée</translation>
    </message>
    <message>
        <source>The note could not be saved. Close anyway and lose the changes?</source>
        <translation>La note n’a pas pu être enregistrée. Fermer quand même et perdre les modifications&#xa0;?</translation>
    </message>
    <message>
        <source>Stat&amp;istics</source>
        <translation>Stat&amp;istiques</translation>
    </message>
    <message>
        <source>Charts of your reading: papers read, backlog, time to read</source>
        <translation>Graphiques de vos lectures&#xa0;: articles lus, articles en attente, délai de lecture</translation>
    </message>
    <message>
        <source>Ac&amp;tivity</source>
        <translation>Acti&amp;vité</translation>
    </message>
    <message>
        <source>Every status change, newest first</source>
        <translation>Chaque changement de statut, les plus récents d’abord</translation>
    </message>
</context>
<context>
    <name>MergeDialog</name>
    <message numerus="yes">
        <source>Merge %n papers</source>
        <translation>
            <numerusform>Fusionner %n article</numerusform>
            <numerusform>Fusionner %n articles</numerusform>
        </translation>
    </message>
    <message>
        <source>&lt;b&gt;Keep&lt;/b&gt;</source>
        <translation>&lt;b&gt;Garder&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Titre</translation>
    </message>
    <message>
        <source>Authors</source>
        <translation>Auteurs</translation>
    </message>
    <message>
        <source>Abstract</source>
        <translation>Résumé</translation>
    </message>
    <message>
        <source>Paper {id} · {status} · {stars}</source>
        <translation>Article {id} · {status} · {stars}</translation>
    </message>
    <message>
        <source>Keep the {field} of paper {id}</source>
        <translation>{field}&#xa0;: garder celui de l’article {id}</translation>
    </message>
    <message>
        <source>Statuses and their history are joined in time order, tags and listings are combined, notes are joined under a line naming each paper, attachments are kept. The rating kept is the highest: {best}.</source>
        <translation>Les statuts et leur historique sont réunis dans l’ordre chronologique, les étiquettes et les listes sont combinées, les notes sont mises bout à bout sous une ligne qui nomme chaque article, les pièces jointes sont conservées. L’évaluation gardée est la plus haute&#xa0;: {best}.</translation>
    </message>
    <message>
        <source>none</source>
        <translation>aucune</translation>
    </message>
    <message>
        <source>(The others: {rest}.)</source>
        <translation>(Les autres&#xa0;: {rest}.)</translation>
    </message>
    <message>
        <source>&amp;Merge</source>
        <translation>&amp;Fusionner</translation>
    </message>
    <message>
        <source>Merge a change from the lab</source>
        <translation>Fusionner une modification du laboratoire</translation>
    </message>
    <message>
        <source>Another lab member changed the {what} of “{title}” before your change reached the lab. Keep theirs, keep yours, or write a merged {what}.</source>
        <translation>Un autre membre du laboratoire a modifié ce champ ({what}) de « {title} » avant que votre modification n’arrive au laboratoire. Gardez sa version, la vôtre, ou écrivez une version fusionnée.</translation>
    </message>
    <message>
        <source>The lab&apos;s version</source>
        <translation>La version du laboratoire</translation>
    </message>
    <message>
        <source>Your version</source>
        <translation>Votre version</translation>
    </message>
    <message>
        <source>Merged version</source>
        <translation>Version fusionnée</translation>
    </message>
    <message>
        <source>In the lab (theirs):</source>
        <translation>Au laboratoire (la leur) :</translation>
    </message>
    <message>
        <source>Yours:</source>
        <translation>La vôtre :</translation>
    </message>
    <message>
        <source>&amp;Merged:</source>
        <translation>&amp;Fusionnée :</translation>
    </message>
    <message>
        <source>&amp;Merged (one author a line):</source>
        <translation>&amp;Fusionnée (un auteur par ligne) :</translation>
    </message>
    <message>
        <source>Keep &amp;theirs</source>
        <translation>Garder celle du &amp;laboratoire</translation>
    </message>
    <message>
        <source>Keep &amp;mine</source>
        <translation>Garder la &amp;mienne</translation>
    </message>
    <message>
        <source>&amp;Use the merged version</source>
        <translation>&amp;Utiliser la version fusionnée</translation>
    </message>
    <message>
        <source>&amp;Later</source>
        <translation>Plus &amp;tard</translation>
    </message>
    <message>
        <source>Keep it in File ▸ Lab ▸ Conflicts to resolve…</source>
        <translation>La garder dans Fichier ▸ Laboratoire ▸ Conflits à résoudre…</translation>
    </message>
    <message>
        <source>The merged version cannot be empty.</source>
        <translation>La version fusionnée ne peut pas être vide.</translation>
    </message>
</context>
<context>
    <name>NotesEdit</name>
    <message>
        <source>Note</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>Write your notes here, in Markdown. They are saved as you type.</source>
        <translation>Écrivez vos notes ici, en Markdown. Elles sont enregistrées au fil de la saisie.</translation>
    </message>
</context>
<context>
    <name>PaperDialog</name>
    <message>
        <source>Edit paper</source>
        <translation>Modifier l’article</translation>
    </message>
    <message>
        <source>New paper</source>
        <translation>Nouvel article</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Titre</translation>
    </message>
    <message>
        <source>Authors, one per line</source>
        <translation>Auteurs, un par ligne</translation>
    </message>
    <message>
        <source>One author per line, in order</source>
        <translation>Un auteur par ligne, dans l’ordre</translation>
    </message>
    <message>
        <source>Abstract</source>
        <translation>Résumé</translation>
    </message>
    <message>
        <source>&amp;Title:</source>
        <translation>&amp;Titre&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Authors:</source>
        <translation>&amp;Auteurs&#xa0;:</translation>
    </message>
    <message>
        <source>A&amp;bstract:</source>
        <translation>&amp;Résumé&#xa0;:</translation>
    </message>
    <message>
        <source>T&amp;ype:</source>
        <translation>T&amp;ype&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Year:</source>
        <translation>A&amp;nnée&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Venue:</source>
        <translation>&amp;Publié dans&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;DOI:</source>
        <translation>&amp;DOI&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Link:</source>
        <translation>&amp;Lien&#xa0;:</translation>
    </message>
    <message>
        <source>Citation &amp;key:</source>
        <translation>&amp;Clé de citation&#xa0;:</translation>
    </message>
    <message>
        <source>article, inproceedings, book…</source>
        <translation>article, inproceedings, book…</translation>
    </message>
    <message>
        <source>made for you when exported, if left empty</source>
        <translation>créée pour vous à l’export si elle est laissée vide</translation>
    </message>
    <message>
        <source>A paper needs a title.</source>
        <translation>Un article doit avoir un titre.</translation>
    </message>
</context>
<context>
    <name>PaperList</name>
    <message>
        <source>Search</source>
        <translation>Rechercher</translation>
    </message>
    <message>
        <source>Search titles, authors, abstracts and notes</source>
        <translation>Rechercher dans les titres, auteurs, résumés et notes</translation>
    </message>
    <message>
        <source>Search (Ctrl+F or /); Esc clears</source>
        <translation>Rechercher (Ctrl+F ou /)&#xa0;; Échap efface</translation>
    </message>
    <message>
        <source>Number of papers shown</source>
        <translation>Nombre d’articles affichés</translation>
    </message>
    <message>
        <source>Clear filters</source>
        <translation>Effacer les filtres</translation>
    </message>
    <message>
        <source>Clear all filters</source>
        <translation>Effacer tous les filtres</translation>
    </message>
    <message>
        <source>&amp;Clear search and filters</source>
        <translation>&amp;Effacer la recherche et les filtres</translation>
    </message>
    <message>
        <source>Clear search and filters</source>
        <translation>Effacer la recherche et les filtres</translation>
    </message>
    <message numerus="yes">
        <source>%Ln papers</source>
        <translation>
            <numerusform>%Ln article</numerusform>
            <numerusform>%Ln articles</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{shown} of %Ln papers</source>
        <translation>
            <numerusform>{shown} sur %Ln article</numerusform>
            <numerusform>{shown} sur %Ln articles</numerusform>
        </translation>
    </message>
    <message>
        <source>No papers match “{text}”.</source>
        <translation>Aucun article ne correspond à «&#xa0;{text}&#xa0;».</translation>
    </message>
    <message>
        <source>No papers match these filters.</source>
        <translation>Aucun article ne correspond à ces filtres.</translation>
    </message>
    <message>
        <source>Showing only {filters}</source>
        <translation>Affichage limité à {filters}</translation>
    </message>
</context>
<context>
    <name>PaperTable</name>
    <message>
        <source>Papers</source>
        <translation>Articles</translation>
    </message>
    <message>
        <source>Columns; click one to sort by it</source>
        <translation>Colonnes&#xa0;; cliquez sur l’une d’elles pour trier</translation>
    </message>
</context>
<context>
    <name>PaperTableModel</name>
    <message>
        <source>Title</source>
        <translation>Titre</translation>
    </message>
    <message>
        <source>Authors</source>
        <translation>Auteurs</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Statut</translation>
    </message>
    <message>
        <source>Rating</source>
        <translation>Évaluation</translation>
    </message>
    <message>
        <source>Added</source>
        <translation>Ajouté le</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Source</translation>
    </message>
    <message>
        <source>#</source>
        <translation>N°</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>Année</translation>
    </message>
    <message>
        <source>Venue</source>
        <translation>Publié dans</translation>
    </message>
    <message>
        <source>Lab</source>
        <translation>Laboratoire</translation>
    </message>
    <message numerus="yes">
        <source>{title}: {status}, %n star(s)</source>
        <translation>
            <numerusform>{title}&#xa0;: {status}, %n étoile</numerusform>
            <numerusform>{title}&#xa0;: {status}, %n étoiles</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n star(s)</source>
        <translation>
            <numerusform>%n étoile</numerusform>
            <numerusform>%n étoiles</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n read</source>
        <translation>
            <numerusform>%n l’a lu</numerusform>
            <numerusform>%n l’ont lu</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n reading</source>
        <translation>
            <numerusform>%n le lit</numerusform>
            <numerusform>%n le lisent</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PreviewModel</name>
    <message>
        <source>Import</source>
        <translation>Importer</translation>
    </message>
    <message>
        <source>Library</source>
        <translation>Bibliothèque</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>Fiabilité</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Titre</translation>
    </message>
    <message>
        <source>Authors</source>
        <translation>Auteurs</translation>
    </message>
    <message>
        <source>Listing</source>
        <translation>Liste</translation>
    </message>
    <message>
        <source>New</source>
        <translation>Nouveau</translation>
    </message>
    <message>
        <source>Adds details</source>
        <translation>Complète</translation>
    </message>
    <message>
        <source>Already in</source>
        <translation>Déjà présent</translation>
    </message>
    <message>
        <source>Listed twice</source>
        <translation>En double</translation>
    </message>
    <message>
        <source>In the Trash</source>
        <translation>Dans la corbeille</translation>
    </message>
    <message>
        <source>The listing seems to stop in the middle of this entry.</source>
        <translation>La liste semble s’arrêter au milieu de cette entrée.</translation>
    </message>
    <message>
        <source>The reader is not sure where this entry starts or ends.</source>
        <translation>Le lecteur n’est pas sûr de l’endroit où cette entrée commence ou se termine.</translation>
    </message>
    <message>
        <source>Check its title, authors and abstract.</source>
        <translation>Vérifiez son titre, ses auteurs et son résumé.</translation>
    </message>
</context>
<context>
    <name>RatingSelector</name>
    <message>
        <source>Rating</source>
        <translation>Évaluation</translation>
    </message>
    <message numerus="yes">
        <source>%n of 5 stars</source>
        <translation>
            <numerusform>%n étoile sur 5</numerusform>
            <numerusform>%n étoiles sur 5</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RestoreDialog</name>
    <message>
        <source>Restore from backup</source>
        <translation>Restaurer une sauvegarde</translation>
    </message>
    <message>
        <source>Choose the backup to go back to. The library as it is now is backed up first, so a restore can be undone.</source>
        <translation>Choisissez la sauvegarde à restaurer. La bibliothèque actuelle est d’abord sauvegardée&#xa0;: une restauration peut donc être annulée.</translation>
    </message>
    <message>
        <source>There are no backups yet. One is made every day the app is used.</source>
        <translation>Aucune sauvegarde pour l’instant. Une sauvegarde est faite chaque jour d’utilisation.</translation>
    </message>
    <message>
        <source>Backups</source>
        <translation>Sauvegardes</translation>
    </message>
    <message>
        <source>Taken</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>Papers</source>
        <translation>Articles</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Taille</translation>
    </message>
    <message>
        <source>unreadable</source>
        <translation>illisible</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>Restaurer</translation>
    </message>
    <message>
        <source>Restore the chosen backup</source>
        <translation>Restaurer la sauvegarde choisie</translation>
    </message>
</context>
<context>
    <name>SavedSearchPanel</name>
    <message>
        <source>Saved searches</source>
        <translation>Recherches enregistrées</translation>
    </message>
    <message>
        <source>SAVED</source>
        <translation>ENREGISTRÉES</translation>
    </message>
    <message>
        <source>Save the current search (Ctrl+S in the search field)</source>
        <translation>Enregistrer la recherche en cours (Ctrl+S dans le champ de recherche)</translation>
    </message>
    <message>
        <source>Save the current search</source>
        <translation>Enregistrer la recherche en cours</translation>
    </message>
    <message>
        <source>Enter searches for one; the context menu renames, edits or deletes it</source>
        <translation>Entrée lance une recherche&#xa0;; le menu contextuel la renomme, la modifie ou la supprime</translation>
    </message>
    <message>
        <source>{name}, {count} papers</source>
        <translation>{name}, {count} articles</translation>
    </message>
    <message>
        <source>Save a search to see it here</source>
        <translation>Aucune pour l’instant</translation>
    </message>
    <message>
        <source>&amp;Rename…</source>
        <translation>&amp;Renommer…</translation>
    </message>
    <message>
        <source>&amp;Edit the query…</source>
        <translation>&amp;Modifier la requête…</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>&amp;Supprimer</translation>
    </message>
</context>
<context>
    <name>SearchField</name>
    <message>
        <source>This search cannot be read: {why}
{where}</source>
        <translation>Cette recherche ne peut pas être lue&#xa0;: {why}
{where}</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Raccourcis clavier</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Fermer</translation>
    </message>
</context>
<context>
    <name>StatsView</name>
    <message>
        <source>Last 3 months</source>
        <translation>3 derniers mois</translation>
    </message>
    <message>
        <source>Last 12 months</source>
        <translation>12 derniers mois</translation>
    </message>
    <message>
        <source>Last 3 years</source>
        <translation>3 dernières années</translation>
    </message>
    <message>
        <source>Everything</source>
        <translation>Tout</translation>
    </message>
    <message>
        <source>under a day</source>
        <translation>même jour</translation>
    </message>
    <message>
        <source>1–7 days</source>
        <translation>1 à 7 jours</translation>
    </message>
    <message>
        <source>1–4 weeks</source>
        <translation>1 à 4 semaines</translation>
    </message>
    <message>
        <source>1–3 months</source>
        <translation>1 à 3 mois</translation>
    </message>
    <message>
        <source>3–12 months</source>
        <translation>3 à 12 mois</translation>
    </message>
    <message>
        <source>over a year</source>
        <translation>plus d’un an</translation>
    </message>
    <message>
        <source>Statistics</source>
        <translation>Statistiques</translation>
    </message>
    <message>
        <source>Period shown</source>
        <translation>Période affichée</translation>
    </message>
    <message>
        <source>Count by</source>
        <translation>Compter par</translation>
    </message>
    <message>
        <source>By month</source>
        <translation>Par mois</translation>
    </message>
    <message>
        <source>By week</source>
        <translation>Par semaine</translation>
    </message>
    <message>
        <source>Papers read (re-reads stacked on top)</source>
        <translation>Articles lus (relectures empilées au-dessus)</translation>
    </message>
    <message>
        <source>Backlog: papers to read, and papers added</source>
        <translation>En attente&#xa0;: articles à lire et articles ajoutés</translation>
    </message>
    <message>
        <source>Time from added to read</source>
        <translation>Délai entre l’ajout et la lecture</translation>
    </message>
    <message>
        <source>Most read tags</source>
        <translation>Étiquettes les plus lues</translation>
    </message>
    <message>
        <source>Most read listings</source>
        <translation>Listes les plus lues</translation>
    </message>
    <message>
        <source>Most read authors</source>
        <translation>Auteurs les plus lus</translation>
    </message>
    <message>
        <source>Counting…</source>
        <translation>Calcul en cours…</translation>
    </message>
    <message>
        <source>{reads} readings, {rereads} of them re-reads · {waiting} to read now</source>
        <translation>{reads} lectures, dont {rereads} relectures · {waiting} à lire maintenant</translation>
    </message>
    <message>
        <source> · median {days} days from added to read</source>
        <translation> · médiane de {days} jours entre l’ajout et la lecture</translation>
    </message>
    <message>
        <source> (median {days} days)</source>
        <translation> (médiane&#xa0;: {days} jours)</translation>
    </message>
    <message>
        <source>First readings</source>
        <translation>Premières lectures</translation>
    </message>
    <message>
        <source>Re-reads</source>
        <translation>Relectures</translation>
    </message>
    <message>
        <source>To read</source>
        <translation>À lire</translation>
    </message>
    <message>
        <source>Added per week</source>
        <translation>Ajoutés par semaine</translation>
    </message>
    <message>
        <source>Added per day</source>
        <translation>Ajoutés par jour</translation>
    </message>
    <message>
        <source>to read</source>
        <translation>à lire</translation>
    </message>
    <message>
        <source>added</source>
        <translation>ajoutés</translation>
    </message>
    <message>
        <source>Papers</source>
        <translation>Articles</translation>
    </message>
    <message>
        <source>Papers read</source>
        <translation>Articles lus</translation>
    </message>
    <message>
        <source>Nothing read in this period</source>
        <translation>Rien de lu sur cette période</translation>
    </message>
    <message>
        <source>Save chart</source>
        <translation>Enregistrer le graphique</translation>
    </message>
    <message>
        <source>PNG image (*.png);;SVG image (*.svg)</source>
        <translation>Image PNG (*.png);;Image SVG (*.svg)</translation>
    </message>
</context>
<context>
    <name>Status</name>
    <message>
        <source>New</source>
        <translation>Nouveau</translation>
    </message>
    <message>
        <source>To read</source>
        <translation>À lire</translation>
    </message>
    <message>
        <source>Reading</source>
        <translation>En cours</translation>
    </message>
    <message>
        <source>Read</source>
        <translation>Lu</translation>
    </message>
    <message>
        <source>Not reading</source>
        <translation>Pas à lire</translation>
    </message>
</context>
<context>
    <name>StatusSelector</name>
    <message>
        <source>Reading status</source>
        <translation>Statut de lecture</translation>
    </message>
    <message>
        <source>Shortcut in the paper list: {key}</source>
        <translation>Raccourci dans la liste des articles&#xa0;: {key}</translation>
    </message>
</context>
<context>
    <name>TagChips</name>
    <message>
        <source>Remove tag {tag}</source>
        <translation>Retirer l’étiquette {tag}</translation>
    </message>
    <message>
        <source>Remove the tag “{tag}”</source>
        <translation>Retirer l’étiquette «&#xa0;{tag}&#xa0;»</translation>
    </message>
</context>
<context>
    <name>TagEditor</name>
    <message>
        <source>Add a tag…</source>
        <translation>Ajouter une étiquette…</translation>
    </message>
    <message>
        <source>Add tags</source>
        <translation>Ajouter des étiquettes</translation>
    </message>
    <message>
        <source>Type a tag and press Enter; separate several with commas</source>
        <translation>Saisissez une étiquette et appuyez sur Entrée&#xa0;; séparez-en plusieurs par des virgules</translation>
    </message>
</context>
<context>
    <name>WelcomePage</name>
    <message>
        <source>Welcome to readinglist</source>
        <translation>Bienvenue dans readinglist</translation>
    </message>
    <message>
        <source>Your library is empty. Import the “Publications” listing of a research lab (a plain-text file) to browse its papers, pick what to read next, rate them, tag them and keep notes. Everything stays on this computer.</source>
        <translation>Votre bibliothèque est vide. Importez la liste «&#xa0;Publications&#xa0;» d’un laboratoire (un fichier texte) pour parcourir ses articles, choisir quoi lire ensuite, les évaluer, les étiqueter et prendre des notes. Tout reste sur cet ordinateur.</translation>
    </message>
    <message>
        <source>Import the &amp;sample listings</source>
        <translation>Importer les listes d’e&amp;xemple</translation>
    </message>
    <message>
        <source>Import the sample listings</source>
        <translation>Importer les listes d’exemple</translation>
    </message>
    <message>
        <source>Import a &amp;listing…</source>
        <translation>Importer une &amp;liste de publications…</translation>
    </message>
    <message>
        <source>Import a listing</source>
        <translation>Importer une liste de publications</translation>
    </message>
    <message>
        <source>You can also drop listing files onto this window.</source>
        <translation>Vous pouvez aussi déposer des fichiers de listes sur cette fenêtre.</translation>
    </message>
</context>
</TS>
