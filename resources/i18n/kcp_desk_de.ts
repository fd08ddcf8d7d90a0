<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
    <context>
        <name />
        <message>
            <location filename="../../kcp_desk/views/unsaved.py" line="65" />
            <location filename="../../kcp_desk/views/unsaved.py" line="66" />
            <source>Discard changes?</source>
            <extracomment>asks the question: (parent, whether Save is offered) → the agent's choice</extracomment>
            <translation>Änderungen verwerfen?</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/unsaved.py" line="67" />
            <source>What you typed is not saved yet.</source>
            <translation>Ihre Eingaben sind noch nicht gespeichert.</translation>
        </message>
    </context>
    <context>
        <name>AdminPage</name>
        <message>
            <location filename="../../kcp_desk/views/admin_page.py" line="131" />
            <source>Agents and keys</source>
            <extracomment>the service returned a new overview (an agent or the dispatch key changed) an operation is in flight: every action waits for it the open question or dialog (tests answer it)</extracomment>
            <translation>Mitarbeitende und Schlüssel</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/admin_page.py" line="139" />
            <source>Every change is signed with your key. You cannot disable your own account or change your own role.</source>
            <translation>Jede Änderung wird mit Ihrem Schlüssel signiert. Ihr eigenes Konto können Sie weder deaktivieren noch seine Rolle ändern.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/admin_page.py" line="159" />
            <source>New agent…</source>
            <translation>Mitarbeiter/in anlegen …</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/admin_page.py" line="162" />
            <source>Disable…</source>
            <translation>Deaktivieren …</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/admin_page.py" line="165" />
            <source>Enable</source>
            <translation>Aktivieren</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/admin_page.py" line="173" />
            <source>Change role</source>
            <translation>Rolle ändern</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/admin_page.py" line="176" />
            <source>Reset keys…</source>
            <translation>Schlüssel zurücksetzen …</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/admin_page.py" line="198" />
            <source>Rotate dispatch key…</source>
            <translation>Verteilschlüssel erneuern …</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/admin_page.py" line="201" />
            <source>Dispatch key</source>
            <translation>Verteilschlüssel</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/admin_page.py" line="251" />
            <source>There is no dispatch key yet: rotate it to make the first one.</source>
            <translation>Es gibt noch keinen Verteilschlüssel: Erneuern Sie ihn, um den ersten zu erzeugen.</translation>
        </message>
        <message numerus="yes">
            <location filename="../../kcp_desk/views/admin_page.py" line="256" />
            <source>Dispatch key version {0}, held by %n leads</source>
            <translation>
                <numerusform>Verteilschlüssel Version {0}, %n Teamleitung hat ihn</numerusform>
                <numerusform>Verteilschlüssel Version {0}, %n Teamleitungen haben ihn</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../kcp_desk/views/admin_page.py" line="262" />
            <source>%n orders still on an older key — a lead's desk moves them when it next opens</source>
            <translation>
                <numerusform>%n Auftrag noch auf einem älteren Schlüssel – der Desk einer Teamleitung stellt ihn beim nächsten Öffnen um</numerusform>
                <numerusform>%n Aufträge noch auf einem älteren Schlüssel – der Desk einer Teamleitung stellt sie beim nächsten Öffnen um</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/admin_page.py" line="268" />
            <source>Every order is on the current key.</source>
            <translation>Alle Aufträge sind auf dem aktuellen Schlüssel.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/admin_page.py" line="287" />
            <source>This is your own account.</source>
            <translation>Das ist Ihr eigenes Konto.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/admin_page.py" line="307" />
            <location filename="../../kcp_desk/views/admin_page.py" line="308" />
            <source>Disable {0}?</source>
            <translation>{0} deaktivieren?</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/admin_page.py" line="310" />
            <source>{0} can no longer sign in. {0}'s open tickets and orders go back to the queue and {0}'s access to credentials is deleted.</source>
            <translation>{0} kann sich nicht mehr anmelden. Offene Tickets und Aufträge von {0} gehen zurück in die Warteschlange, und der Zugriff von {0} auf Zugangsdaten wird gelöscht.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/admin_page.py" line="314" />
            <source>The dispatch key is rotated.</source>
            <translation>Der Verteilschlüssel wird erneuert.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/admin_page.py" line="316" />
            <source>Disable</source>
            <translation>Deaktivieren</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/admin_page.py" line="329" />
            <source>{0} is disabled.</source>
            <translation>{0} ist deaktiviert.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/admin_page.py" line="346" />
            <source>{0} is active again.</source>
            <translation>{0} ist wieder aktiv.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/admin_page.py" line="361" />
            <source>{0} is now: {1}.</source>
            <translation>{0} ist jetzt: {1}.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/admin_page.py" line="369" />
            <source>{0} has new keys.</source>
            <translation>{0} hat neue Schlüssel.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/admin_page.py" line="380" />
            <source>{0} is created.</source>
            <translation>{0} ist angelegt.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/admin_page.py" line="404" />
            <location filename="../../kcp_desk/views/admin_page.py" line="405" />
            <source>Rotate the dispatch key?</source>
            <translation>Verteilschlüssel erneuern?</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/admin_page.py" line="408" />
            <source>New orders are encrypted to the new key at once. Every lead with a valid certificate gets it; orders on the old key move when a lead's desk next opens.</source>
            <translation>Neue Aufträge werden sofort mit dem neuen Schlüssel verschlüsselt. Jede Teamleitung mit gültigem Zertifikat erhält ihn; Aufträge auf dem alten Schlüssel werden umgestellt, sobald der Desk einer Teamleitung das nächste Mal öffnet.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/admin_page.py" line="413" />
            <source>Rotate</source>
            <translation>Erneuern</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/admin_page.py" line="424" />
            <source>A new dispatch key is in use.</source>
            <translation>Ein neuer Verteilschlüssel ist in Gebrauch.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/admin_dialogs.py" line="49" />
            <source>Agent</source>
            <extracomment>the services' minimum (V-1); the service checks it, the hint only says it</extracomment>
            <translation>Servicemitarbeiter/in</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/admin_dialogs.py" line="50" />
            <source>Team lead</source>
            <translation>Teamleitung</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/admin_dialogs.py" line="51" />
            <source>Admin</source>
            <translation>Administration</translation>
        </message>
    </context>
    <context>
        <name>AgentTableModel</name>
        <message>
            <location filename="../../kcp_desk/views/admin_page.py" line="63" />
            <source>Name</source>
            <translation>Name</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/admin_page.py" line="64" />
            <source>User name</source>
            <translation>Benutzername</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/admin_page.py" line="65" />
            <source>Role</source>
            <translation>Rolle</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/admin_page.py" line="66" />
            <source>State</source>
            <translation>Status</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/admin_page.py" line="67" />
            <source>Key version</source>
            <translation>Schlüsselversion</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/admin_page.py" line="68" />
            <source>Certificate</source>
            <translation>Zertifikat</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/admin_page.py" line="69" />
            <source>Dispatch key</source>
            <translation>Verteilschlüssel</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/admin_page.py" line="75" />
            <source>active</source>
            <translation>aktiv</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/admin_page.py" line="75" />
            <source>disabled</source>
            <translation>deaktiviert</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/admin_page.py" line="78" />
            <source>Not certified</source>
            <translation>Nicht zertifiziert</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/admin_page.py" line="82" />
            <source>Role and keys are certified by an admin.</source>
            <translation>Rolle und Schlüssel sind von einem Admin zertifiziert.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/admin_page.py" line="84" />
            <source>Not certified: {0}</source>
            <translation>Nicht zertifiziert: {0}</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/admin_page.py" line="89" />
            <source>✓ holds it</source>
            <translation>✓ vorhanden</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/admin_page.py" line="89" />
            <source>✗ missing</source>
            <translation>✗ fehlt</translation>
        </message>
    </context>
    <context>
        <name>ApprovalsPage</name>
        <message>
            <location filename="../../kcp_desk/views/name_change.py" line="214" />
            <source>Pending approvals</source>
            <extracomment>"Open customer": the customer's id "Open ticket": the ticket reference (#KCP-…); the button shows only when wired how many requests wait for this agent (a lead: the ones they may decide; an agent: their own), after each refresh and :meth:`refresh_count` the last count of each part ("name", "identity"); the navigation gets their sum once every wired part has answered the parts asked since the last sum was said: the sum waits for them identity cases waiting for a lead (issue 12), below the name changes</extracomment>
            <translation>Offene Freigaben</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/name_change.py" line="221" />
            <source>Customer</source>
            <translation>Kunde</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/name_change.py" line="223" />
            <source>Current name</source>
            <translation>Aktueller Name</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/name_change.py" line="232" />
            <source>New name</source>
            <translation>Neuer Name</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/name_change.py" line="237" />
            <source>Ticket</source>
            <translation>Ticket</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/name_change.py" line="238" />
            <source>Requested by</source>
            <translation>Beantragt von</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/name_change.py" line="239" />
            <source>Requested</source>
            <translation>Beantragt am</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/name_change.py" line="240" />
            <source>Reason</source>
            <translation>Begründung</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/name_change.py" line="253" />
            <source>No requests waiting for approval.</source>
            <translation>Keine Anträge warten auf Freigabe.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/name_change.py" line="257" />
            <source>Open customer</source>
            <translation>Kunde öffnen</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/name_change.py" line="263" />
            <source>Reason for your decision (required)</source>
            <translation>Begründung Ihrer Entscheidung (Pflicht)</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/name_change.py" line="264" />
            <source>Approve</source>
            <translation>Freigeben</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/name_change.py" line="266" />
            <source>Reject</source>
            <translation>Ablehnen</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/name_change.py" line="292" />
            <source>Name and company changes</source>
            <extracomment>why the selected request cannot be decided here (not a result) the last decision's confirmation, or what went wrong the links and the decision; hidden while nothing waits</extracomment>
            <translation>Namens- und Firmenänderungen</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/name_change.py" line="301" />
            <source>E-mail changes (identity cases)</source>
            <translation>E-Mail-Änderungen (Identitätsfälle)</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/name_change.py" line="372" />
            <source>Open ticket {0}</source>
            <translation>Ticket {0} öffnen</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/name_change.py" line="374" />
            <source>Open ticket</source>
            <translation>Ticket öffnen</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/name_change.py" line="378" />
            <source>Another team lead must decide this request (four-eyes).</source>
            <translation>Eine andere Teamleitung muss diesen Antrag entscheiden (Vier-Augen-Prinzip).</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/name_change.py" line="380" />
            <source>A team lead decides this request.</source>
            <translation>Über diesen Antrag entscheidet eine Teamleitung.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/name_change.py" line="419" />
            <source>Approved: {0} is now called “{1}”.</source>
            <translation>Freigegeben: {0} heißt jetzt „{1}“.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/name_change.py" line="421" />
            <source>Rejected: {0} keeps the name “{1}”.</source>
            <translation>Abgelehnt: {0} behält den Namen „{1}“.</translation>
        </message>
    </context>
    <context>
        <name>Badges</name>
        <message>
            <location filename="../../kcp_desk/views/badges.py" line="106" />
            <source>blocked</source>
            <extracomment>white text on these colours (the customer header's since issue 3)</extracomment>
            <translation>gesperrt</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/badges.py" line="109" />
            <source>in arrears</source>
            <translation>im Zahlungsrückstand</translation>
        </message>
        <message numerus="yes">
            <location filename="../../kcp_desk/views/badges.py" line="50" />
            <source>%n open tickets</source>
            <translation>
                <numerusform>%n offenes Ticket</numerusform>
                <numerusform>%n offene Tickets</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/badges.py" line="118" />
            <source>debit returned</source>
            <translation>Rücklastschrift</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/badges.py" line="124" />
            <source>phone password locked</source>
            <translation>Telefonpasswort gesperrt</translation>
        </message>
    </context>
    <context>
        <name>BillingTab</name>
        <message>
            <location filename="../../kcp_desk/views/billing_tab.py" line="310" />
            <source>Change payment method…</source>
            <translation>Zahlungsart ändern …</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/billing_tab.py" line="318" />
            <source>Try again</source>
            <translation>Erneut versuchen</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/billing_tab.py" line="322" />
            <source>Loading…</source>
            <translation>Wird geladen …</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/billing_tab.py" line="338" />
            <source>Print…</source>
            <translation>Drucken …</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/billing_tab.py" line="339" />
            <source>Save as PDF…</source>
            <translation>Als PDF speichern …</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/billing_tab.py" line="340" />
            <source>Cancel invoice…</source>
            <translation>Rechnung stornieren …</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/billing_tab.py" line="342" />
            <source>Creates a cancellation invoice; the issued invoice stays as it is.</source>
            <translation>Erstellt eine Stornorechnung; die ausgestellte Rechnung bleibt unverändert.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/billing_tab.py" line="380" />
            <source>Reference</source>
            <translation>Referenz</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/billing_tab.py" line="382" />
            <source>Creditor id {0}</source>
            <translation>Gläubiger-ID {0}</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/billing_tab.py" line="384" />
            <source>Status</source>
            <translation>Status</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/billing_tab.py" line="385" />
            <source>Holder</source>
            <translation>Kontoinhaber</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/billing_tab.py" line="387" />
            <source>IBAN</source>
            <translation>IBAN</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/billing_tab.py" line="392" />
            <source>Signed</source>
            <translation>Unterschrieben</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/billing_tab.py" line="396" />
            <source>Type</source>
            <translation>Art</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/billing_tab.py" line="432" />
            <source>Stage</source>
            <translation>Stufe</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/billing_tab.py" line="433" />
            <source>Date</source>
            <translation>Datum</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/billing_tab.py" line="439" />
            <source>Pay by</source>
            <translation>Zahlbar bis</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/billing_tab.py" line="492" />
            <source>recurring</source>
            <translation>wiederkehrend</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/billing_tab.py" line="492" />
            <source>one-off</source>
            <translation>einmalig</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/billing_tab.py" line="398" />
            <source>First / last collection</source>
            <translation>Erster / letzter Einzug</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/billing_tab.py" line="407" />
            <source>Returned</source>
            <translation>Zurückgegeben</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/billing_tab.py" line="408" />
            <location filename="../../kcp_desk/views/billing_tab.py" line="425" />
            <source>Invoice</source>
            <translation>Rechnung</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/billing_tab.py" line="409" />
            <source>Amount</source>
            <translation>Betrag</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/billing_tab.py" line="410" />
            <source>Code</source>
            <translation>Code</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/billing_tab.py" line="412" />
            <location filename="../../kcp_desk/views/billing_tab.py" line="454" />
            <source>Reason</source>
            <translation>Begründung</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/billing_tab.py" line="416" />
            <location filename="../../kcp_desk/views/billing_tab.py" line="435" />
            <source>Fee</source>
            <translation>Gebühr</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/billing_tab.py" line="417" />
            <source>Effect</source>
            <translation>Folge</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/billing_tab.py" line="426" />
            <source>Due</source>
            <translation>Fällig</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/billing_tab.py" line="428" />
            <source>Open</source>
            <translation>Offen</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/billing_tab.py" line="703" />
            <source>The payment method was not changed. {0}</source>
            <translation>Die Zahlungsart wurde nicht geändert. {0}</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/billing_tab.py" line="445" />
            <source>When</source>
            <translation>Wann</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/billing_tab.py" line="446" />
            <source>Agent</source>
            <translation>Servicemitarbeiter/in</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/billing_tab.py" line="448" />
            <source>Change</source>
            <translation>Änderung</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/billing_tab.py" line="452" />
            <source>Detail</source>
            <translation>Detail</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/billing_tab.py" line="459" />
            <source>Invoices</source>
            <translation>Rechnungen</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/billing_tab.py" line="468" />
            <source>SEPA mandates</source>
            <translation>SEPA-Mandate</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/billing_tab.py" line="469" />
            <source>Returned debits</source>
            <translation>Rücklastschriften</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/billing_tab.py" line="470" />
            <source>Dunning</source>
            <translation>Mahnwesen</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/billing_tab.py" line="471" />
            <source>Payment changes</source>
            <translation>Zahlungsänderungen</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/billing_tab.py" line="488" />
            <source>debits blocked</source>
            <translation>Lastschriften gesperrt</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/billing_tab.py" line="498" />
            <source>services blocked</source>
            <translation>Leistungen gesperrt</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/billing_tab.py" line="500" />
            <source>next: {0}</source>
            <translation>nächste Stufe: {0}</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/billing_tab.py" line="518" />
            <source>objection – debits blocked</source>
            <translation>Widerspruch – Lastschriften gesperrt</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/billing_tab.py" line="520" />
            <source>mandate invalid</source>
            <translation>Mandat ungültig</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/billing_tab.py" line="521" />
            <source>invoice open again</source>
            <translation>Rechnung wieder offen</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/billing_tab.py" line="642" />
            <source>Save invoice as PDF</source>
            <translation>Rechnung als PDF speichern</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/billing_tab.py" line="646" />
            <source>Saved {0}.</source>
            <translation>{0} gespeichert.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/billing_tab.py" line="658" />
            <source>Cancel invoice {0}</source>
            <translation>Rechnung {0} stornieren</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/billing_tab.py" line="659" />
            <source>Reason for the cancellation (printed on the cancellation invoice):</source>
            <translation>Grund der Stornierung (steht auf der Stornorechnung):</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/billing_tab.py" line="673" />
            <source>Cancellation invoice {0} created.</source>
            <translation>Stornorechnung {0} erstellt.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/billing_tab.py" line="696" />
            <source>Payment method saved.</source>
            <translation>Zahlungsart gespeichert.</translation>
        </message>
    </context>
    <context>
        <name>CallerVerificationDialog</name>
        <message>
            <location filename="../../kcp_desk/views/caller_dialog.py" line="66" />
            <source>Verify caller – {0}</source>
            <extracomment>QTimer takes a signed 32-bit interval in milliseconds a check was answered (also after the lock closed the dialog while it ran) the phone password's state as the dialog opened (or as the lock ran out) counts the checks started: a status that was asked before the latest check is older than the check's answer and is not shown</extracomment>
            <translation>Anrufer prüfen – {0}</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/caller_dialog.py" line="71" />
            <source>Ask the caller for their phone password and type it here. The desk only says whether it matches; it never shows the stored password.</source>
            <translation>Fragen Sie den Anrufer nach seinem Telefonpasswort und tippen Sie es hier ein. Der Desk sagt nur, ob es passt; das gespeicherte Passwort zeigt er nie.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/caller_dialog.py" line="88" />
            <source>Check</source>
            <extracomment>locked / not set / tries left, said before anything is typed</extracomment>
            <translation>Prüfen</translation>
        </message>
        <message numerus="yes">
            <location filename="../../kcp_desk/views/caller_dialog.py" line="137" />
            <source>%n wrong try left before the phone password locks.</source>
            <extracomment>asks again when a lock runs out while the dialog is open</extracomment>
            <translation>
                <numerusform>Noch %n Fehlversuch, bevor das Telefonpasswort gesperrt wird.</numerusform>
                <numerusform>Noch %n Fehlversuche, bevor das Telefonpasswort gesperrt wird.</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/caller_dialog.py" line="186" />
            <source>✔ Matches – the caller knows the phone password.</source>
            <translation>✔ Stimmt – der Anrufer kennt das Telefonpasswort.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/caller_dialog.py" line="201" />
            <source>✘ Does not match. That was the last allowed try: the phone password is locked until {0}. Use another factor.</source>
            <translation>✘ Stimmt nicht. Das war der letzte erlaubte Versuch: Das Telefonpasswort ist bis {0} gesperrt. Nutzen Sie einen anderen Faktor.</translation>
        </message>
        <message numerus="yes">
            <location filename="../../kcp_desk/views/caller_dialog.py" line="210" />
            <source>✘ Does not match. %n more wrong try locks the phone password.</source>
            <translation>
                <numerusform>✘ Stimmt nicht. Noch %n Fehlversuch sperrt das Telefonpasswort.</numerusform>
                <numerusform>✘ Stimmt nicht. Noch %n Fehlversuche sperren das Telefonpasswort.</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/caller_dialog.py" line="243" />
            <source>This customer has no phone password. Use another factor.</source>
            <translation>Dieser Kunde hat kein Telefonpasswort. Nutzen Sie einen anderen Faktor.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/caller_dialog.py" line="247" />
            <source>The phone password is locked until {0} after too many wrong tries. Use another factor.</source>
            <translation>Das Telefonpasswort ist nach zu vielen Fehlversuchen bis {0} gesperrt. Nutzen Sie einen anderen Faktor.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/caller_dialog.py" line="226" />
            <source>{0} The password was not checked. Ask the caller to say it again, then check once more.</source>
            <translation>{0} Das Passwort wurde nicht geprüft. Bitten Sie den Anrufer, es noch einmal zu nennen, und prüfen Sie erneut.</translation>
        </message>
    </context>
    <context>
        <name>CasePage</name>
        <message>
            <location filename="../../kcp_desk/views/identity_case_page.py" line="109" />
            <source>New e-mail address</source>
            <extracomment>"Submit for approval" (the dialog reads ``new_email``) "Cancel the case" with the reason in ``cancel_reason`` submitted / approved / rejected / cancelled, read-only</extracomment>
            <translation>Neue E-Mail-Adresse</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/identity_case_page.py" line="114" />
            <source>name@example.de</source>
            <translation>name@example.de</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/identity_case_page.py" line="117" />
            <source>Submit for approval</source>
            <translation>Zur Freigabe einreichen</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/identity_case_page.py" line="136" />
            <source>Why the case is cancelled (required)</source>
            <translation>Warum der Fall abgebrochen wird (Pflichtangabe)</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/identity_case_page.py" line="137" />
            <source>Cancel the case</source>
            <translation>Fall abbrechen</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/identity_case_page.py" line="193" />
            <source>State: {0} · opened {1} by {2}</source>
            <translation>Status: {0} · eröffnet am {1} von {2}</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/identity_case_page.py" line="199" />
            <source>only {0} works on this case</source>
            <translation>nur {0} bearbeitet diesen Fall</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/identity_case_page.py" line="206" />
            <source>Found by (proves nothing): {0}</source>
            <translation>Gefunden über (beweist nichts): {0}</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/identity_case_page.py" line="208" />
            <source>Found by: no details recorded</source>
            <translation>Gefunden über: keine Angaben erfasst</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/identity_case_page.py" line="211" />
            <source>Note of the agent: {0}</source>
            <translation>Notiz des Mitarbeiters: {0}</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/identity_case_page.py" line="219" />
            <source>This case is {0}; nothing more can be done in it.</source>
            <translation>Dieser Fall ist {0}; darin kann nichts mehr getan werden.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/identity_case_page.py" line="223" />
            <source>The case waits for a team lead to approve or reject it.</source>
            <translation>Der Fall wartet darauf, dass eine Teamleitung ihn freigibt oder ablehnt.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/identity_case_page.py" line="245" />
            <source>The new address is stored unverified once a team lead approves; the customer confirms it by a link sent to it. You never set a password.</source>
            <translation>Die neue Adresse wird nach der Freigabe durch eine Teamleitung unbestätigt gespeichert; der Kunde bestätigt sie über einen Link, der an sie geht. Ein Passwort setzen Sie nie.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/identity_case_page.py" line="252" />
            <source>Possible once two independent factors passed (see above).</source>
            <translation>Möglich, sobald zwei unabhängige Faktoren bestanden sind (siehe oben).</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/identity_case_page.py" line="257" />
            <source>{0} to {1}: {2}, queued {3}</source>
            <translation>{0} an {1}: {2}, eingereiht am {3}</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/identity_case_page.py" line="265" />
            <source>Sent through the outbox:</source>
            <translation>Über den Postausgang versandt:</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/identity_case_page.py" line="282" />
            <source>{0} · {1} · {2} · {3}</source>
            <translation>{0} · {1} · {2} · {3}</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/identity_case_page.py" line="285" />
            <source>passed</source>
            <translation>bestanden</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/identity_case_page.py" line="285" />
            <source>failed</source>
            <translation>nicht bestanden</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/identity_case_page.py" line="289" />
            <source>Tried in this case:</source>
            <translation>In diesem Fall versucht:</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/identity_case_page.py" line="295" />
            <source>Submitted on {0} by {1}: new e-mail {2}. Waiting for a team lead to approve or reject it.</source>
            <translation>Eingereicht am {0} von {1}: neue E-Mail-Adresse {2}. Wartet darauf, dass eine Teamleitung sie freigibt oder ablehnt.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/identity_case_page.py" line="300" />
            <source>Approved on {0} by {1}: new e-mail {2} (stored unverified until the customer confirms it). Reason: {3}</source>
            <translation>Freigegeben am {0} von {1}: neue E-Mail-Adresse {2} (unbestätigt gespeichert, bis der Kunde sie bestätigt). Begründung: {3}</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/identity_case_page.py" line="309" />
            <source>Rejected on {0} by {1}: {2}</source>
            <translation>Abgelehnt am {0} von {1}: {2}</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/identity_case_page.py" line="315" />
            <source>Cancelled on {0}: {1}</source>
            <translation>Abgebrochen am {0}: {1}</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/identity_case_page.py" line="343" />
            <source>letter code</source>
            <translation>Briefcode</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/identity_case_page.py" line="344" />
            <source>SMS code</source>
            <translation>SMS-Code</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/identity_case_page.py" line="345" />
            <source>confirmation link</source>
            <translation>Bestätigungslink</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/identity_case_page.py" line="348" />
            <source>confirmation link for the new address</source>
            <translation>Bestätigungslink für die neue Adresse</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/identity_case_page.py" line="351" />
            <location filename="../../kcp_desk/views/identity_case_page.py" line="354" />
            <source>notice of the e-mail change</source>
            <translation>Hinweis auf die geänderte E-Mail-Adresse</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/identity_case_page.py" line="363" />
            <source>E-mail</source>
            <translation>E-Mail</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/identity_case_page.py" line="364" />
            <source>Letter</source>
            <translation>Brief</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/identity_case_page.py" line="365" />
            <source>SMS</source>
            <translation>SMS</translation>
        </message>
    </context>
    <context>
        <name>ContactForm</name>
        <message>
            <location filename="../../kcp_desk/views/contact_form.py" line="41" />
            <location filename="../../kcp_desk/views/customer_view.py" line="694" />
            <source>Salutation</source>
            <translation>Anrede</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/contact_form.py" line="141" />
            <location filename="../../kcp_desk/views/customer_view.py" line="695" />
            <source>E-mail</source>
            <translation>E-Mail</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/contact_form.py" line="42" />
            <location filename="../../kcp_desk/views/customer_view.py" line="696" />
            <source>Phone</source>
            <translation>Telefon</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/contact_form.py" line="43" />
            <location filename="../../kcp_desk/views/customer_view.py" line="697" />
            <source>Mobile</source>
            <translation>Mobil</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/contact_form.py" line="44" />
            <location filename="../../kcp_desk/views/customer_view.py" line="698" />
            <source>Date of birth</source>
            <translation>Geburtsdatum</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/contact_form.py" line="45" />
            <source>Street</source>
            <translation>Straße</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/contact_form.py" line="46" />
            <source>House number</source>
            <translation>Hausnummer</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/contact_form.py" line="47" />
            <source>Postcode</source>
            <translation>PLZ</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/contact_form.py" line="48" />
            <source>City</source>
            <translation>Ort</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/contact_form.py" line="49" />
            <source>Country</source>
            <translation>Land</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/contact_form.py" line="100" />
            <source>Request name change…</source>
            <extracomment>a field that cannot be typed into looks like text, not like an enabled input (issue 9) "Reload and keep my input" loaded the customer anew (the form merged it already) "Change e-mail…": the agent wants the identity case (C2) that alone sets it the unsaved-changes guard waits for this save's answer (UnsavedEditor) the contact person of a company (or the company of a person), in small type</extracomment>
            <translation>Namensänderung beantragen …</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/contact_form.py" line="102" />
            <source>Name and company change only through a request a team lead approves.</source>
            <translation>Name und Firma ändern sich nur über einen Antrag, den eine Teamleitung freigibt.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/contact_form.py" line="116" />
            <source>Name / company</source>
            <translation>Name / Firma</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/contact_form.py" line="126" />
            <source>Change e-mail…</source>
            <translation>E-Mail ändern …</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/contact_form.py" line="130" />
            <source>Opens an identity case: a new e-mail address needs two factors (e.g. the phone password and a letter code) and a team lead's approval.</source>
            <translation>Öffnet einen Identitätsfall: Eine neue E-Mail-Adresse braucht zwei Faktoren (z. B. Telefonpasswort und Briefcode) und die Freigabe einer Teamleitung.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/contact_form.py" line="145" />
            <source>E-mail verified</source>
            <translation>E-Mail bestätigt</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/contact_form.py" line="147" />
            <source>Phone password</source>
            <translation>Telefonpasswort</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/contact_form.py" line="151" />
            <source>optional, e.g. “customer called, moved”</source>
            <translation>optional, z. B. „Kunde rief an, umgezogen“</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/contact_form.py" line="152" />
            <source>Reason for the change</source>
            <translation>Grund der Änderung</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/contact_form.py" line="155" />
            <source>Edit</source>
            <translation>Bearbeiten</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/contact_form.py" line="157" />
            <source>Save</source>
            <translation>Speichern</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/contact_form.py" line="160" />
            <source>Cancel</source>
            <translation>Abbrechen</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/contact_form.py" line="166" />
            <source>Reload and keep my input</source>
            <translation>Neu laden, Eingaben behalten</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/contact_form.py" line="170" />
            <source>Loads what was saved meanwhile; your typed text stays, and each field a colleague changed shows their value.</source>
            <translation>Lädt, was inzwischen gespeichert wurde; Ihr getippter Text bleibt, und jedes Feld, das jemand anderes geändert hat, zeigt dessen Wert.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/contact_form.py" line="209" />
            <source>Contact person: {0}</source>
            <translation>Ansprechpartner: {0}</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/contact_form.py" line="211" />
            <source>Company: {0}</source>
            <translation>Firma: {0}</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/contact_form.py" line="213" />
            <source>– name change pending approval</source>
            <translation>– Namensänderung wartet auf Freigabe</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/contact_form.py" line="222" />
            <source>not set</source>
            <translation>nicht gesetzt</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/contact_form.py" line="225" />
            <source>set – locked until {0}</source>
            <translation>gesetzt – gesperrt bis {0}</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/contact_form.py" line="231" />
            <source>set since {0}</source>
            <translation>gesetzt seit {0}</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/contact_form.py" line="274" />
            <source>Nothing to save: no field was changed.</source>
            <translation>Nichts zu speichern: Kein Feld wurde geändert.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/contact_form.py" line="295" />
            <source>Saved.</source>
            <translation>Gespeichert.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/contact_form.py" line="341" />
            <source>A colleague changed this customer meanwhile; their values are marked below, your input is kept.</source>
            <translation>Eine Kollegin oder ein Kollege hat diesen Kunden inzwischen geändert; deren Werte sind unten markiert, Ihre Eingaben bleiben erhalten.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/contact_form.py" line="368" />
            <source>Reloaded. Fields a colleague changed meanwhile are marked below; your input is kept. Save to apply it.</source>
            <translation>Neu geladen. Felder, die inzwischen jemand anderes geändert hat, sind unten markiert; Ihre Eingaben bleiben erhalten. Speichern Sie, um sie zu übernehmen.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/contact_form.py" line="373" />
            <source>Reloaded; nobody changed these fields meanwhile. Save to apply your input.</source>
            <translation>Neu geladen; niemand hat diese Felder inzwischen geändert. Speichern Sie, um Ihre Eingaben zu übernehmen.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/contact_form.py" line="397" />
            <location filename="../../kcp_desk/views/contact_form.py" line="400" />
            <source>(empty)</source>
            <translation>(leer)</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/contact_form.py" line="402" />
            <source>Changed meanwhile by a colleague (was: {0}).</source>
            <translation>Inzwischen von jemand anderem geändert (vorher: {0}).</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/contact_form.py" line="406" />
            <source>Saved meanwhile by a colleague: {0}</source>
            <translation>Inzwischen von jemand anderem gespeichert: {0}</translation>
        </message>
    </context>
    <context>
        <name>CrashDialog</name>
        <message>
            <location filename="../../kcp_desk/views/crash_dialog.py" line="31" />
            <source>kcp-desk – unexpected error</source>
            <translation>kcp-desk – unerwarteter Fehler</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/crash_dialog.py" line="33" />
            <source>Something went wrong that should not have. Your work in other windows is kept. Please send the log file to IT.</source>
            <translation>Etwas ist schiefgegangen, das nicht hätte passieren dürfen. Ihre Arbeit in anderen Fenstern bleibt erhalten. Bitte senden Sie die Protokolldatei an die IT.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/crash_dialog.py" line="40" />
            <source>Log file: {0}</source>
            <translation>Protokolldatei: {0}</translation>
        </message>
    </context>
    <context>
        <name>CredentialRow</name>
        <message>
            <location filename="../../kcp_desk/views/credential_row.py" line="130" />
            <location filename="../../kcp_desk/views/credential_row.py" line="138" />
            <location filename="../../kcp_desk/views/credential_row.py" line="237" />
            <source>Show</source>
            <extracomment>never the real length "reveal" or "copy" while the owner's operation runs the owner's answer to a request that hide_secret() cancelled is dropped</extracomment>
            <translation>Anzeigen</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/credential_row.py" line="132" />
            <location filename="../../kcp_desk/views/credential_row.py" line="238" />
            <source>Show {0}</source>
            <translation>{0} anzeigen</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/credential_row.py" line="133" />
            <source>Copy</source>
            <translation>Kopieren</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/credential_row.py" line="135" />
            <source>Copy {0}</source>
            <translation>{0} kopieren</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/credential_row.py" line="138" />
            <location filename="../../kcp_desk/views/credential_row.py" line="205" />
            <source>Hide</source>
            <translation>Verbergen</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/credential_row.py" line="206" />
            <source>Hide {0}</source>
            <translation>{0} verbergen</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/credential_row.py" line="264" />
            <location filename="../../kcp_desk/views/credential_row.py" line="272" />
            <source>Decrypting…</source>
            <translation>Wird entschlüsselt …</translation>
        </message>
        <message numerus="yes">
            <location filename="../../kcp_desk/views/credential_row.py" line="281" />
            <source>Hides in %n s</source>
            <translation>
                <numerusform>Wird in %n s verborgen</numerusform>
                <numerusform>Wird in %n s verborgen</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../kcp_desk/views/credential_row.py" line="289" />
            <source>Copied. The clipboard is cleared in %n s.</source>
            <translation>
                <numerusform>Kopiert. Die Zwischenablage wird in %n s geleert.</numerusform>
                <numerusform>Kopiert. Die Zwischenablage wird in %n s geleert.</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/credential_row.py" line="304" />
            <source>shown</source>
            <translation>angezeigt</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/credential_row.py" line="304" />
            <source>hidden</source>
            <translation>verborgen</translation>
        </message>
    </context>
    <context>
        <name>CustomerSearch</name>
        <message>
            <location filename="../../kcp_desk/services/search.py" line="188" />
            <source>customer number {detail}</source>
            <extracomment>the largest page a caller may ask for substring search needs this many typed characters (and one word this long) PostgreSQL: rows a text search looks at before it asks the index (see ``_pg_text``) words of a query that are searched; the rest is ignored (``SearchResult.words_ignored``) characters of a query that are searched (whole words; the longest stored field, an e-mail address, has 254) SQLite: trigrams of each query word that the FTS5 query asks for (see ``_fts_query``) characters of a paste that are looked at at all; words after them are only counted the person's name of a company customer (``match_detail``: that name) English source texts (Qt Linguist context "CustomerSearch"); ``{detail}`` is ``CustomerHit.match_detail``: the reference, number or address that matched.</extracomment>
            <translation>Kundennummer {detail}</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/services/search.py" line="189" />
            <source>invoice {detail}</source>
            <translation>Rechnung {detail}</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/services/search.py" line="190" />
            <source>ticket {detail}</source>
            <translation>Ticket {detail}</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/services/search.py" line="191" />
            <source>support order {detail}</source>
            <translation>Support-Auftrag {detail}</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/services/search.py" line="192" />
            <source>SEPA mandate {detail}</source>
            <translation>SEPA-Mandat {detail}</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/services/search.py" line="193" />
            <source>phone {detail}</source>
            <translation>Telefon {detail}</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/services/search.py" line="194" />
            <source>e-mail {detail}</source>
            <translation>E-Mail {detail}</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/services/search.py" line="195" />
            <source>domain {detail}</source>
            <translation>Domain {detail}</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/services/search.py" line="196" />
            <source>server {detail}</source>
            <translation>Server {detail}</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/services/search.py" line="198" />
            <source>IP address {detail}</source>
            <extracomment>``{detail}``: the server's address, or its subnet that holds the address searched</extracomment>
            <translation>IP-Adresse {detail}</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/services/search.py" line="199" />
            <source>subnet {detail}</source>
            <translation>Subnetz {detail}</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/services/search.py" line="200" />
            <source>postcode {detail}</source>
            <translation>PLZ {detail}</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/services/search.py" line="201" />
            <source>name</source>
            <translation>Name</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/services/search.py" line="202" />
            <source>contact person {detail}</source>
            <translation>Ansprechpartner {detail}</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/services/search.py" line="203" />
            <source>company</source>
            <translation>Firma</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/services/search.py" line="204" />
            <source>city</source>
            <translation>Ort</translation>
        </message>
    </context>
    <context>
        <name>CustomerSearchView</name>
        <message>
            <location filename="../../kcp_desk/views/customer_search.py" line="164" />
            <source>Customer number, name, e-mail, phone, postcode, domain, RE-/#KCP-/SA- reference or mandate</source>
            <extracomment>PostgreSQL: the pause in typing after which the search runs after "the database cannot be reached", the same search is asked again this often columns of the result list their shares of the list's width (the number column gets what its text needs) PostgreSQL: a burst of keystrokes starts one search when typing pauses the database was away: ask again by itself, so the error goes when it is back more matches than shown, and the service would give more (lazy loading) search_for(): the search whose answer opens the customer if it is one phone match</extracomment>
            <translation>Kundennummer, Name, E-Mail, Telefon, PLZ, Domain, RE-/#KCP-/SA-Nummer oder Mandat</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/customer_search.py" line="178" />
            <source>Number</source>
            <translation>Nummer</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/customer_search.py" line="179" />
            <source>Name / company</source>
            <translation>Name / Firma</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/customer_search.py" line="180" />
            <source>E-mail</source>
            <translation>E-Mail</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/customer_search.py" line="181" />
            <source>City</source>
            <translation>Ort</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/customer_search.py" line="182" />
            <source>Status</source>
            <translation>Status</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/customer_search.py" line="183" />
            <source>Found by</source>
            <translation>Gefunden über</translation>
        </message>
        <message numerus="yes">
            <location filename="../../kcp_desk/views/customer_search.py" line="345" />
            <source>Type at least %n characters (or a number).</source>
            <translation>
                <numerusform>Geben Sie mindestens %n Zeichen ein (oder eine Nummer).</numerusform>
                <numerusform>Geben Sie mindestens %n Zeichen ein (oder eine Nummer).</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/customer_search.py" line="348" />
            <source>No customer found.</source>
            <translation>Kein Kunde gefunden.</translation>
        </message>
        <message numerus="yes">
            <location filename="../../kcp_desk/views/customer_search.py" line="367" />
            <source>Only the first %n words are searched.</source>
            <translation>
                <numerusform>Nur das erste Wort wird gesucht.</numerusform>
                <numerusform>Nur die ersten %n Wörter werden gesucht.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../kcp_desk/views/customer_search.py" line="374" />
            <source>Showing the best %n matches – scroll for more, or type more.</source>
            <translation>
                <numerusform>Der beste Treffer – scrollen Sie für weitere oder tippen Sie weiter.</numerusform>
                <numerusform>Die besten %n Treffer – scrollen Sie für weitere oder tippen Sie weiter.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../kcp_desk/views/customer_search.py" line="377" />
            <source>%n customers found.</source>
            <translation>
                <numerusform>%n Kunde gefunden.</numerusform>
                <numerusform>%n Kunden gefunden.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>CustomerView</name>
        <message>
            <location filename="../../kcp_desk/views/customer_view.py" line="266" />
            <source>← Results</source>
            <extracomment>a name change waits for a team lead now (the navigation's count goes up) an identity case was submitted for approval or ended (the count changes) a ticket of this customer was opened (Enter or a double click in its Tickets tab) a ticket reference elsewhere (a support order's ticket) was opened a support order of this customer was opened (Enter or a double click)</extracomment>
            <translation>← Ergebnisse</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/customer_view.py" line="267" />
            <source>Back to the search results (Esc)</source>
            <translation>Zurück zu den Suchergebnissen (Esc)</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/customer_view.py" line="301" />
            <source>Verify caller…</source>
            <extracomment>whether the caller was verified since this customer was opened here (C1.5)</extracomment>
            <translation>Anrufer prüfen …</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/customer_view.py" line="352" />
            <source>Kind</source>
            <extracomment>the open identity case dialog (one per customer view) the editors of this view; the customers page and the main window ask it before anything replaces their input (views/unsaved.py)</extracomment>
            <translation>Art</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/customer_view.py" line="353" />
            <location filename="../../kcp_desk/views/customer_view.py" line="371" />
            <source>Product</source>
            <translation>Produkt</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/customer_view.py" line="354" />
            <source>Domain / server</source>
            <translation>Domain / Server</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/customer_view.py" line="355" />
            <source>Systems management</source>
            <translation>Systems-Management</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/customer_view.py" line="356" />
            <source>Since</source>
            <translation>Seit</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/customer_view.py" line="357" />
            <location filename="../../kcp_desk/views/customer_view.py" line="388" />
            <source>Active</source>
            <translation>Aktiv</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/customer_view.py" line="373" />
            <location filename="../../kcp_desk/views/customer_view.py" line="407" />
            <source>State</source>
            <translation>Status</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/customer_view.py" line="370" />
            <source>Ticket</source>
            <translation>Ticket</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/customer_view.py" line="374" />
            <source>Assignee</source>
            <translation>Bearbeiter/in</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/customer_view.py" line="369" />
            <source>Order</source>
            <translation>Auftrag</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/customer_view.py" line="305" />
            <source>Change e-mail / restore access…</source>
            <translation>E-Mail ändern / Zugang wiederherstellen …</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/customer_view.py" line="309" />
            <source>Opens the identity case: two independent factors and a team lead's approval before a new e-mail address is set.</source>
            <translation>Öffnet den Identitätsfall: zwei unabhängige Faktoren und die Freigabe einer Teamleitung, bevor eine neue E-Mail-Adresse gesetzt wird.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/customer_view.py" line="372" />
            <source>Category</source>
            <translation>Kategorie</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/customer_view.py" line="382" />
            <source>Login</source>
            <translation>Login</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/customer_view.py" line="383" />
            <source>E-mail</source>
            <translation>E-Mail</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/customer_view.py" line="384" />
            <source>Invoices</source>
            <translation>Rechnungen</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/customer_view.py" line="385" />
            <location filename="../../kcp_desk/views/customer_view.py" line="437" />
            <source>Tickets</source>
            <translation>Tickets</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/customer_view.py" line="386" />
            <source>Orders</source>
            <translation>Aufträge</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/customer_view.py" line="387" />
            <source>Contacts</source>
            <translation>Kontakte</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/customer_view.py" line="393" />
            <location filename="../../kcp_desk/views/customer_view.py" line="406" />
            <source>When</source>
            <translation>Wann</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/customer_view.py" line="394" />
            <source>Field</source>
            <translation>Feld</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/customer_view.py" line="395" />
            <source>Old → new</source>
            <translation>Alt → neu</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/customer_view.py" line="396" />
            <source>Agent</source>
            <translation>Servicemitarbeiter/in</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/customer_view.py" line="397" />
            <location filename="../../kcp_desk/views/customer_view.py" line="411" />
            <source>Reason</source>
            <translation>Begründung</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/customer_view.py" line="399" />
            <source>No changes yet.</source>
            <translation>Noch keine Änderungen.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/customer_view.py" line="408" />
            <source>Factors tried</source>
            <translation>Versuchte Faktoren</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/customer_view.py" line="409" />
            <source>Prepared by</source>
            <translation>Vorbereitet von</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/customer_view.py" line="410" />
            <source>Decided by</source>
            <translation>Entschieden von</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/customer_view.py" line="413" />
            <source>No identity cases.</source>
            <translation>Keine Identitätsfälle.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/customer_view.py" line="423" />
            <source>Identity cases</source>
            <translation>Identitätsfälle</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/customer_view.py" line="434" />
            <source>Contact data</source>
            <translation>Kontaktdaten</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/customer_view.py" line="435" />
            <source>Products</source>
            <translation>Produkte</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/customer_view.py" line="436" />
            <source>Invoices &amp;&amp; payment</source>
            <translation>Rechnungen &amp;&amp; Zahlung</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/customer_view.py" line="438" />
            <source>Support orders</source>
            <translation>Support-Aufträge</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/customer_view.py" line="439" />
            <source>Additional accounts</source>
            <translation>Zusatzkonten</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/customer_view.py" line="440" />
            <source>History</source>
            <translation>Verlauf</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/customer_view.py" line="478" />
            <source>Customer since {0}</source>
            <translation>Kunde seit {0}</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/customer_view.py" line="522" />
            <source>dunning: {0}</source>
            <translation>Mahnstufe: {0}</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/customer_view.py" line="527" />
            <source>debit returned ({0})</source>
            <translation>Rücklastschrift ({0})</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/customer_view.py" line="541" />
            <source>✔ Caller verified in this call</source>
            <translation>✔ Anrufer in diesem Anruf geprüft</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/customer_view.py" line="544" />
            <source>Caller not verified in this call</source>
            <translation>Anrufer in diesem Anruf nicht geprüft</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/customer_view.py" line="548" />
            <source>no check on record</source>
            <translation>noch keine Prüfung erfasst</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/customer_view.py" line="551" />
            <source>last check: {0}, by {1}</source>
            <translation>letzte Prüfung: {0}, durch {1}</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/customer_view.py" line="553" />
            <source>last check: {0}, by {1} (did not match)</source>
            <translation>letzte Prüfung: {0}, durch {1} (stimmte nicht überein)</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/customer_view.py" line="699" />
            <source>Billing address</source>
            <translation>Rechnungsadresse</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/customer_view.py" line="700" />
            <source>Contract address</source>
            <translation>Vertragsadresse</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/customer_view.py" line="701" />
            <source>First name</source>
            <translation>Vorname</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/customer_view.py" line="702" />
            <source>Last name</source>
            <translation>Nachname</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/customer_view.py" line="703" />
            <source>Company</source>
            <translation>Firma</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/customer_view.py" line="704" />
            <source>Legal form</source>
            <translation>Rechtsform</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/customer_view.py" line="720" />
            <source>requested by {0}, approved by {1}</source>
            <translation>beantragt von {0}, freigegeben von {1}</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/customer_view.py" line="729" />
            <source>decision: {0}</source>
            <translation>Entscheidung: {0}</translation>
        </message>
    </context>
    <context>
        <name>DeskApp</name>
        <message>
            <location filename="../../kcp_desk/app.py" line="165" />
            <source>Preparing the database…</source>
            <extracomment>the latest `kcp-desk open` text that waits for the login or the unlock</extracomment>
            <translation>Datenbank wird vorbereitet …</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/app.py" line="172" />
            <source>Creating demo data…</source>
            <translation>Demodaten werden angelegt …</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/app.py" line="181" />
            <source>This database has no agents yet. Start with --demo for the demo database, or ask an admin to create your account.</source>
            <translation>Diese Datenbank hat noch keine Mitarbeitenden. Starten Sie mit --demo für die Demodatenbank oder lassen Sie Ihr Konto von der Administration anlegen.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/app.py" line="208" />
            <source>This workstation now remembers you; the device key is in {0}.</source>
            <translation>Dieser Arbeitsplatz merkt sich Sie jetzt; der Geräteschlüssel liegt in {0}.</translation>
        </message>
    </context>
    <context>
        <name>FactorsPanel</name>
        <message>
            <location filename="../../kcp_desk/views/identity_factors.py" line="212" />
            <source>What the caller says</source>
            <extracomment>the personal documents of the contract holder (a company: its managing director) Check was asked for P (the dialog reads and empties ``p_field``) Check was asked for a code: "L" or "M" a letter, SMS or link was asked for: "L", "M" or "E" the document was recorded: presented and matches (True) or not (False) the field a secret is typed in → the button that checks it (the default)</extracomment>
            <translation>Was der Anrufer sagt</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/identity_factors.py" line="213" />
            <location filename="../../kcp_desk/views/identity_factors.py" line="224" />
            <location filename="../../kcp_desk/views/identity_factors.py" line="232" />
            <source>Check</source>
            <translation>Prüfen</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/identity_factors.py" line="223" />
            <source>Code from the letter</source>
            <translation>Code aus dem Brief</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/identity_factors.py" line="231" />
            <source>Code from the SMS</source>
            <translation>Code aus der SMS</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/identity_factors.py" line="241" />
            <source>and the commercial register extract</source>
            <translation>und der Handelsregisterauszug</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/identity_factors.py" line="244" />
            <source>Presented and matches</source>
            <translation>Vorgelegt und passt</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/identity_factors.py" line="246" />
            <source>Does not match</source>
            <translation>Passt nicht</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/identity_factors.py" line="281" />
            <source>Type what the caller says first.</source>
            <translation>Tippen Sie zuerst ein, was der Anrufer sagt.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/identity_factors.py" line="283" />
            <source>Type the code the caller reads out first.</source>
            <translation>Tippen Sie zuerst den Code ein, den der Anrufer vorliest.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/identity_factors.py" line="299" />
            <source>Sent to {0}.</source>
            <translation>Versandt an {0}.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/identity_factors.py" line="303" />
            <source>Recorded: presented and matches.</source>
            <translation>Erfasst: vorgelegt und passt.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/identity_factors.py" line="305" />
            <source>Recorded: does not match.</source>
            <translation>Erfasst: passt nicht.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/identity_factors.py" line="320" />
            <source>Send link to {0}</source>
            <translation>Link an {0} senden</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/identity_factors.py" line="322" />
            <source>Send letter code to {0}</source>
            <translation>Briefcode an {0} senden</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/identity_factors.py" line="325" />
            <source>Send SMS to {0}</source>
            <translation>SMS an {0} senden</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/identity_factors.py" line="327" />
            <source>Send SMS</source>
            <translation>SMS senden</translation>
        </message>
    </context>
    <context>
        <name>Format</name>
        <message>
            <location filename="../../kcp_desk/views/formatting.py" line="94" />
            <source>yes</source>
            <translation>ja</translation>
        </message>
    </context>
    <context>
        <name>GlancePanel</name>
        <message>
            <location filename="../../kcp_desk/views/billing_glance.py" line="133" />
            <source>Total open</source>
            <extracomment>the agent folded or unfolded it: the window height no longer decides the headline row; the tab adds its actions at the end</extracomment>
            <translation>Offen gesamt</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/billing_glance.py" line="134" />
            <source>of which overdue</source>
            <translation>davon überfällig</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/billing_glance.py" line="135" />
            <source>Fees</source>
            <translation>Gebühren</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/billing_glance.py" line="137" />
            <source>Due after credit</source>
            <translation>Fällig nach Guthaben</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/billing_glance.py" line="151" />
            <source>Overdue since</source>
            <translation>Überfällig seit</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/billing_glance.py" line="153" />
            <source>Dunning level</source>
            <translation>Mahnstufe</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/billing_glance.py" line="155" />
            <source>Next step</source>
            <translation>Nächster Schritt</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/billing_glance.py" line="157" />
            <source>Services</source>
            <translation>Leistungen</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/billing_glance.py" line="152" />
            <source>Last payment</source>
            <translation>Letzte Zahlung</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/billing_glance.py" line="154" />
            <source>Last direct debit</source>
            <translation>Letzte Lastschrift</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/billing_glance.py" line="156" />
            <source>Returns (12 months)</source>
            <translation>Rücklastschriften (12 Monate)</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/billing_glance.py" line="158" />
            <source>SEPA mandate</source>
            <translation>SEPA-Mandat</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/billing_glance.py" line="159" />
            <source>Payment method</source>
            <translation>Zahlungsart</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/billing_glance.py" line="136" />
            <source>Credit balance</source>
            <translation>Guthaben</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/billing_glance.py" line="312" />
            <source>In arrears: {0} overdue</source>
            <translation>Im Zahlungsrückstand: {0} überfällig</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/billing_glance.py" line="302" />
            <source>In good standing – nothing overdue</source>
            <translation>Alles bezahlt – nichts überfällig</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/billing_glance.py" line="319" />
            <source>nothing open</source>
            <translation>nichts offen</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/billing_glance.py" line="340" />
            <source>{0} on {1} ({2})</source>
            <translation>{0} am {1} ({2})</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/billing_glance.py" line="282" />
            <source>blocked</source>
            <translation>gesperrt</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/billing_glance.py" line="244" />
            <source>Less</source>
            <translation>Weniger</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/billing_glance.py" line="244" />
            <source>Details</source>
            <translation>Details</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/billing_glance.py" line="246" />
            <source>Show only the summary line</source>
            <translation>Nur die Zusammenfassung zeigen</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/billing_glance.py" line="248" />
            <source>Show all payment figures</source>
            <translation>Alle Zahlungsdaten zeigen</translation>
        </message>
        <message numerus="yes">
            <location filename="../../kcp_desk/views/billing_glance.py" line="259" />
            <source>Total open (%n invoices)</source>
            <translation>
                <numerusform>Offen gesamt (%n Rechnung)</numerusform>
                <numerusform>Offen gesamt (%n Rechnungen)</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../kcp_desk/views/billing_glance.py" line="274" />
            <source>%n days since {0}</source>
            <translation>
                <numerusform>%n Tag seit {0}</numerusform>
                <numerusform>%n Tage seit {0}</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/billing_glance.py" line="282" />
            <source>active</source>
            <translation>aktiv</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/billing_glance.py" line="301" />
            <source>In good standing – credit balance {0}</source>
            <translation>Alles bezahlt – Guthaben {0}</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/billing_glance.py" line="304" />
            <source>{0} + {1} fees</source>
            <translation>{0} + {1} Gebühren</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/billing_glance.py" line="309" />
            <source>In arrears: {0} overdue, credit {1} → {2} due</source>
            <translation>Im Zahlungsrückstand: {0} überfällig, Guthaben {1} → {2} fällig</translation>
        </message>
        <message numerus="yes">
            <location filename="../../kcp_desk/views/billing_glance.py" line="317" />
            <source>%n open invoices</source>
            <translation>
                <numerusform>%n offene Rechnung</numerusform>
                <numerusform>%n offene Rechnungen</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/billing_glance.py" line="325" />
            <source>next: {0}</source>
            <translation>nächster Schritt: {0}</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/billing_glance.py" line="327" />
            <source>services blocked</source>
            <translation>Leistungen gesperrt</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/billing_glance.py" line="349" />
            <source>returned {0}: {1} {2}</source>
            <translation>zurückgegeben {0}: {1} {2}</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/billing_glance.py" line="352" />
            <source>collected {0}</source>
            <translation>eingezogen {0}</translation>
        </message>
    </context>
    <context>
        <name>HandOverDialog</name>
        <message>
            <location filename="../../kcp_desk/views/ticket_dialogs.py" line="140" />
            <source>Hand over {0}</source>
            <translation>{0} übergeben</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/ticket_dialogs.py" line="141" />
            <source>The colleague gets the ticket at once; you no longer have it.</source>
            <translation>Die Kollegin oder der Kollege hat das Ticket sofort; Sie haben es dann nicht mehr.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/ticket_dialogs.py" line="143" />
            <source>Hand over</source>
            <translation>Übergeben</translation>
        </message>
    </context>
    <context>
        <name>IdentityApprovals</name>
        <message>
            <location filename="../../kcp_desk/views/identity_approvals.py" line="65" />
            <source>Customer</source>
            <extracomment>"Open customer": the customer's id how many waiting cases this agent may decide, after each refresh / count the list or the count could not be loaded (the last count stands)</extracomment>
            <translation>Kunde</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/identity_approvals.py" line="66" />
            <source>Prepared by</source>
            <translation>Vorbereitet von</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/identity_approvals.py" line="67" />
            <source>Submitted</source>
            <translation>Eingereicht</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/identity_approvals.py" line="68" />
            <source>Factors passed</source>
            <translation>Bestandene Faktoren</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/identity_approvals.py" line="69" />
            <source>Doubts</source>
            <translation>Zweifel</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/identity_approvals.py" line="70" />
            <source>New e-mail</source>
            <translation>Neue E-Mail</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/identity_approvals.py" line="86" />
            <source>No identity cases waiting for approval.</source>
            <translation>Keine Identitätsfälle warten auf Freigabe.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/identity_approvals.py" line="91" />
            <source>Open customer</source>
            <translation>Kunde öffnen</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/identity_approvals.py" line="93" />
            <source>Show case…</source>
            <translation>Fall anzeigen …</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/identity_approvals.py" line="97" />
            <source>Reason for your decision (required)</source>
            <translation>Begründung Ihrer Entscheidung (Pflichtangabe)</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/identity_approvals.py" line="98" />
            <source>Approve</source>
            <translation>Freigeben</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/identity_approvals.py" line="100" />
            <source>Reject</source>
            <translation>Ablehnen</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/identity_approvals.py" line="196" />
            <source>Another team lead must decide this case: you prepared it (four-eyes).</source>
            <extracomment>why the selected case cannot be decided here (four-eyes), not a result the last decision's confirmation, or what went wrong</extracomment>
            <translation>Eine andere Teamleitung muss diesen Fall entscheiden: Sie haben ihn vorbereitet (Vier-Augen-Prinzip).</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/identity_approvals.py" line="198" />
            <source>A team lead decides this case.</source>
            <translation>Über diesen Fall entscheidet eine Teamleitung.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/identity_approvals.py" line="254" />
            <source>Approved: {0} gets the new e-mail {1} (unverified until the customer confirms it).</source>
            <translation>Freigegeben: {0} erhält die neue E-Mail-Adresse {1} (unbestätigt, bis der Kunde sie bestätigt).</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/identity_approvals.py" line="257" />
            <source>Rejected: {0} keeps the current e-mail {1}.</source>
            <translation>Abgelehnt: {0} behält die bisherige E-Mail-Adresse {1}.</translation>
        </message>
    </context>
    <context>
        <name>IdentityCaseDialog</name>
        <message>
            <location filename="../../kcp_desk/views/identity_case.py" line="94" />
            <source>Identity case – {0}</source>
            <extracomment>the case after every step (the fresh ``CaseDTO`` the service returned) the case was submitted for approval (the navigation's count goes up) the factor whose code was typed last ("L" or "M": where a "code" error goes)</extracomment>
            <translation>Identitätsfall – {0}</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/identity_case.py" line="98" />
            <source>Loading the case…</source>
            <translation>Fall wird geladen …</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/identity_case.py" line="117" />
            <source>Refresh</source>
            <extracomment>an error that belongs to no field (a database fault, a stale case)</extracomment>
            <translation>Aktualisieren</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/identity_case.py" line="119" />
            <source>Load the case again (e.g. after the customer clicked the link).</source>
            <translation>Den Fall neu laden (z. B. nachdem der Kunde den Link angeklickt hat).</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/identity_case.py" line="122" />
            <source>Cancel case…</source>
            <translation>Fall abbrechen …</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/identity_case.py" line="132" />
            <source>Close</source>
            <translation>Schließen</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/identity_case.py" line="130" />
            <source>Open case</source>
            <extracomment>an error label → the field to put the cursor in (what was typed is there)</extracomment>
            <translation>Fall eröffnen</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/identity_case.py" line="274" />
            <source>Identity case – {0} {1}</source>
            <extracomment>typed input (doubt note, new e-mail, cancel reason) is asked about on closing fetches the case again while a code or link is pending (follows show_case)</extracomment>
            <translation>Identitätsfall – {0} {1}</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/identity_case.py" line="434" />
            <source>{0} Nothing was checked; ask the caller to say it again.</source>
            <translation>{0} Es wurde nichts geprüft; bitten Sie den Anrufer, es noch einmal zu sagen.</translation>
        </message>
    </context>
    <context>
        <name>IdentityText</name>
        <message numerus="yes">
            <location filename="../../kcp_desk/views/identity_text.py" line="53" />
            <source>%n wrong try left before the phone password locks.</source>
            <extracomment>the factors in the order the case shows them</extracomment>
            <translation>
                <numerusform>Noch %n Fehlversuch, bevor das Telefonpasswort gesperrt wird.</numerusform>
                <numerusform>Noch %n Fehlversuche, bevor das Telefonpasswort gesperrt wird.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../kcp_desk/views/identity_text.py" line="56" />
            <source>%n reasonable doubt is recorded: weigh it before going on.</source>
            <translation>
                <numerusform>%n begründeter Zweifel ist festgehalten: Wägen Sie ihn ab, bevor Sie weitermachen.</numerusform>
                <numerusform>%n begründete Zweifel sind festgehalten: Wägen Sie sie ab, bevor Sie weitermachen.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../kcp_desk/views/identity_text.py" line="59" />
            <source>%n wrong entry left before the code is void.</source>
            <translation>
                <numerusform>Noch %n Fehleingabe, bevor der Code ungültig wird.</numerusform>
                <numerusform>Noch %n Fehleingaben, bevor der Code ungültig wird.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../kcp_desk/views/identity_text.py" line="62" />
            <source>Not passed yet; %n wrong try left before it locks.</source>
            <translation>
                <numerusform>Noch nicht bestanden; noch %n Fehlversuch, bevor es gesperrt wird.</numerusform>
                <numerusform>Noch nicht bestanden; noch %n Fehlversuche, bevor es gesperrt wird.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../kcp_desk/views/identity_text.py" line="65" />
            <source>✘ Does not match. %n more wrong try locks the phone password.</source>
            <translation>
                <numerusform>✘ Stimmt nicht. Noch %n Fehlversuch sperrt das Telefonpasswort.</numerusform>
                <numerusform>✘ Stimmt nicht. Noch %n Fehlversuche sperren das Telefonpasswort.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../kcp_desk/views/identity_text.py" line="68" />
            <source>✘ Wrong code. %n more wrong entry voids it.</source>
            <translation>
                <numerusform>✘ Falscher Code. Noch %n Fehleingabe macht ihn ungültig.</numerusform>
                <numerusform>✘ Falscher Code. Noch %n Fehleingaben machen ihn ungültig.</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/identity_text.py" line="99" />
            <source>phone password (P)</source>
            <translation>Telefonpasswort (P)</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/identity_text.py" line="100" />
            <source>confirmation link to the current e-mail (E)</source>
            <translation>Bestätigungslink an die bisherige E-Mail-Adresse (E)</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/identity_text.py" line="103" />
            <source>letter code (L)</source>
            <translation>Briefcode (L)</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/identity_text.py" line="104" />
            <source>SMS code (M)</source>
            <translation>SMS-Code (M)</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/identity_text.py" line="105" />
            <source>identity document (D)</source>
            <translation>Ausweisdokument (D)</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/identity_text.py" line="113" />
            <source>P – Phone password</source>
            <translation>P – Telefonpasswort</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/identity_text.py" line="114" />
            <source>E – Link to the current e-mail</source>
            <translation>E – Link an die bisherige E-Mail-Adresse</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/identity_text.py" line="115" />
            <source>L – Letter code</source>
            <translation>L – Briefcode</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/identity_text.py" line="116" />
            <source>M – SMS code</source>
            <translation>M – SMS-Code</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/identity_text.py" line="117" />
            <source>D – Identity document</source>
            <translation>D – Ausweisdokument</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/identity_text.py" line="124" />
            <source>Customer number</source>
            <translation>Kundennummer</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/identity_text.py" line="125" />
            <source>Name</source>
            <translation>Name</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/identity_text.py" line="126" />
            <source>Address</source>
            <translation>Adresse</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/identity_text.py" line="127" />
            <source>Last invoice amount</source>
            <translation>Betrag der letzten Rechnung</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/identity_text.py" line="128" />
            <source>Last digits of the IBAN</source>
            <translation>Letzte Stellen der IBAN</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/identity_text.py" line="129" />
            <source>Date of birth</source>
            <translation>Geburtsdatum</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/identity_text.py" line="136" />
            <source>ID card</source>
            <translation>Personalausweis</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/identity_text.py" line="137" />
            <source>passport</source>
            <translation>Reisepass</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/identity_text.py" line="138" />
            <source>residence permit</source>
            <translation>Aufenthaltstitel</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/identity_text.py" line="139" />
            <source>commercial register extract</source>
            <translation>Handelsregisterauszug</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/identity_text.py" line="148" />
            <source>open</source>
            <translation>offen</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/identity_text.py" line="149" />
            <source>waiting for a team lead</source>
            <translation>wartet auf eine Teamleitung</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/identity_text.py" line="150" />
            <source>approved</source>
            <translation>freigegeben</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/identity_text.py" line="151" />
            <source>rejected</source>
            <translation>abgelehnt</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/identity_text.py" line="152" />
            <source>cancelled</source>
            <translation>abgebrochen</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/identity_text.py" line="164" />
            <source>{0} and {1}</source>
            <translation>{0} und {1}</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/identity_text.py" line="172" />
            <source>{0} or {1}</source>
            <translation>{0} oder {1}</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/identity_text.py" line="204" />
            <source>The last code was entered wrongly too often and is void.</source>
            <translation>Der letzte Code wurde zu oft falsch eingegeben und ist ungültig.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/identity_text.py" line="207" />
            <source>The last code was replaced by a newer one.</source>
            <translation>Der letzte Code wurde durch einen neueren ersetzt.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/identity_text.py" line="210" />
            <source>The last code was entered after it had expired.</source>
            <translation>Der letzte Code wurde erst nach Ablauf eingegeben.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/identity_text.py" line="213" />
            <source>The last link expired unconfirmed.</source>
            <translation>Der letzte Link ist unbestätigt abgelaufen.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/identity_text.py" line="215" />
            <source>The last code expired.</source>
            <translation>Der letzte Code ist abgelaufen.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/identity_text.py" line="216" />
            <source>No more can be sent in this case.</source>
            <translation>In diesem Fall kann nichts mehr versandt werden.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/identity_text.py" line="226" />
            <source>A new letter code can be sent now.</source>
            <translation>Ein neuer Briefcode kann jetzt versandt werden.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/identity_text.py" line="227" />
            <source>A new SMS code can be sent now.</source>
            <translation>Ein neuer SMS-Code kann jetzt versandt werden.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/identity_text.py" line="228" />
            <source>A new link can be sent now.</source>
            <translation>Ein neuer Link kann jetzt versandt werden.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/identity_text.py" line="232" />
            <source>A new letter code can be sent from {0}.</source>
            <translation>Ein neuer Briefcode kann ab {0} versandt werden.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/identity_text.py" line="233" />
            <source>A new SMS code can be sent from {0}.</source>
            <translation>Ein neuer SMS-Code kann ab {0} versandt werden.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/identity_text.py" line="234" />
            <source>A new link can be sent from {0}.</source>
            <translation>Ein neuer Link kann ab {0} versandt werden.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/identity_text.py" line="241" />
            <source>Not possible: the customer has no phone password.</source>
            <translation>Nicht möglich: Der Kunde hat kein Telefonpasswort.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/identity_text.py" line="244" />
            <source>Not possible: the caller has no access to the mailbox any more.</source>
            <translation>Nicht möglich: Der Anrufer hat keinen Zugang mehr zum Postfach.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/identity_text.py" line="247" />
            <source>Not possible: the postal address was changed during this case.</source>
            <translation>Nicht möglich: Die Postanschrift wurde während dieses Falls geändert.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/identity_text.py" line="250" />
            <source>Not possible: the postal address was changed less than 30 days before the case.</source>
            <translation>Nicht möglich: Die Postanschrift wurde weniger als 30 Tage vor dem Fall geändert.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/identity_text.py" line="254" />
            <source>Not possible: no mobile number is registered.</source>
            <translation>Nicht möglich: Es ist keine Mobilnummer hinterlegt.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/identity_text.py" line="257" />
            <source>Not possible: the mobile number was changed during this case.</source>
            <translation>Nicht möglich: Die Mobilnummer wurde während dieses Falls geändert.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/identity_text.py" line="260" />
            <source>Not possible: the mobile number was registered less than 30 days before the case.</source>
            <translation>Nicht möglich: Die Mobilnummer wurde weniger als 30 Tage vor dem Fall hinterlegt.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/identity_text.py" line="276" />
            <source>Passed: {0}. A new e-mail address may be submitted for approval now (until {1}).</source>
            <translation>Bestanden: {0}. Eine neue E-Mail-Adresse kann jetzt zur Freigabe eingereicht werden (bis {1}).</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/identity_text.py" line="282" />
            <source>No combination of factors is possible in this case. The only way on is a letter code to the registered postal address, possible from {0}.</source>
            <translation>In diesem Fall ist keine Kombination von Faktoren möglich. Weiter geht es nur mit einem Briefcode an die hinterlegte Postanschrift, möglich ab {0}.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/identity_text.py" line="287" />
            <source>No combination of factors is possible in this case. The only way on is a letter code to the registered postal address.</source>
            <translation>In diesem Fall ist keine Kombination von Faktoren möglich. Weiter geht es nur mit einem Briefcode an die hinterlegte Postanschrift.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/identity_text.py" line="297" />
            <source>{0} passed, letter code (L) pending – a new e-mail needs one more factor: the letter code sent on {1}, valid until {2}.</source>
            <translation>{0} bestanden, Briefcode (L) ausstehend – für eine neue E-Mail-Adresse fehlt noch ein Faktor: der Briefcode vom {1}, gültig bis {2}.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/identity_text.py" line="302" />
            <source>{0} passed, SMS code (M) pending – a new e-mail needs one more factor: the SMS code sent at {1}, valid until {2}.</source>
            <translation>{0} bestanden, SMS-Code (M) ausstehend – für eine neue E-Mail-Adresse fehlt noch ein Faktor: der SMS-Code vom {1}, gültig bis {2}.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/identity_text.py" line="307" />
            <source>{0} passed, confirmation link (E) pending – a new e-mail needs one more factor: the customer clicks the link sent at {1}, valid until {2}.</source>
            <translation>{0} bestanden, Bestätigungslink (E) ausstehend – für eine neue E-Mail-Adresse fehlt noch ein Faktor: Der Kunde klickt den Link vom {1}, gültig bis {2}.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/identity_text.py" line="318" />
            <source>{0} passed – a new e-mail needs one more factor: {1}.</source>
            <translation>{0} bestanden – für eine neue E-Mail-Adresse fehlt noch ein Faktor: {1}.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/identity_text.py" line="324" />
            <source>A new e-mail needs two independent factors. Possible in this case: {0}.</source>
            <translation>Eine neue E-Mail-Adresse braucht zwei unabhängige Faktoren. In diesem Fall möglich: {0}.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/identity_text.py" line="329" />
            <source>The phone password alone allows information only: nothing may be changed on its strength.</source>
            <translation>Das Telefonpasswort allein erlaubt nur Auskünfte: Darauf gestützt darf nichts geändert werden.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/identity_text.py" line="335" />
            <source>The phone password is locked until {0} after too many wrong tries.</source>
            <translation>Das Telefonpasswort ist nach zu vielen Fehlversuchen bis {0} gesperrt.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/identity_text.py" line="339" />
            <source>The phone password is locked for the rest of this case after too many wrong tries.</source>
            <translation>Das Telefonpasswort ist nach zu vielen Fehlversuchen für den Rest dieses Falls gesperrt.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/identity_text.py" line="353" />
            <source>No more SMS codes can be sent in this case.</source>
            <translation>In diesem Fall können keine SMS-Codes mehr versandt werden.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/identity_text.py" line="356" />
            <source>No more links can be sent in this case.</source>
            <translation>In diesem Fall können keine Links mehr versandt werden.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/identity_text.py" line="359" />
            <source>No more letter codes can be sent in this case.</source>
            <translation>In diesem Fall können keine Briefcodes mehr versandt werden.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/identity_text.py" line="367" />
            <source>For a company, both are needed: the managing director's identity document and a commercial register extract.</source>
            <translation>Bei einer Firma braucht es beides: das Ausweisdokument der Geschäftsführung und einen Handelsregisterauszug.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/identity_text.py" line="380" />
            <source>Did not match the record: {0} (as the caller gave it).</source>
            <translation>Stimmte nicht mit den Kundendaten überein: {0} (Angabe des Anrufers).</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/identity_text.py" line="384" />
            <source>An identity document was presented and did not match.</source>
            <translation>Ein Ausweisdokument wurde vorgelegt und passte nicht.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/identity_text.py" line="388" />
            <source>The new address is already registered for another customer.</source>
            <translation>Die neue Adresse ist bereits bei einem anderen Kunden hinterlegt.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/identity_text.py" line="394" />
            <source>The letter code was entered wrongly too often and is void.</source>
            <translation>Der Briefcode wurde zu oft falsch eingegeben und ist ungültig.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/identity_text.py" line="397" />
            <source>The SMS code was entered wrongly too often and is void.</source>
            <translation>Der SMS-Code wurde zu oft falsch eingegeben und ist ungültig.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/identity_text.py" line="415" />
            <source>✔ Passed on {0} (counts until {1}).</source>
            <translation>✔ Bestanden am {0} (zählt bis {1}).</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/identity_text.py" line="420" />
            <source>Pending: sent on {0} to {1}, valid until {2}.</source>
            <translation>Ausstehend: versandt am {0} an {1}, gültig bis {2}.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/identity_text.py" line="430" />
            <source>Locked for the rest of this case (too many wrong tries).</source>
            <translation>Für den Rest dieses Falls gesperrt (zu viele Fehlversuche).</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/identity_text.py" line="433" />
            <source>Locked until {0} (too many wrong tries).</source>
            <translation>Gesperrt bis {0} (zu viele Fehlversuche).</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/identity_text.py" line="440" />
            <source>✘ A document did not match: not possible again in this case.</source>
            <translation>✘ Ein Dokument passte nicht: In diesem Fall nicht mehr möglich.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/identity_text.py" line="448" />
            <source>{0} Not possible again in this case.</source>
            <translation>{0} In diesem Fall nicht mehr möglich.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/identity_text.py" line="453" />
            <source>One document recorded; a company also needs the other (managing director's ID and commercial register extract).</source>
            <translation>Ein Dokument erfasst; eine Firma braucht auch das andere (Ausweis der Geschäftsführung und Handelsregisterauszug).</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/identity_text.py" line="462" />
            <source>Not tried yet.</source>
            <translation>Noch nicht versucht.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/identity_text.py" line="469" />
            <source>✔ Matches – the caller knows the phone password.</source>
            <translation>✔ Stimmt – der Anrufer kennt das Telefonpasswort.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/identity_text.py" line="472" />
            <source>✔ The code is right.</source>
            <translation>✔ Der Code stimmt.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/identity_text.py" line="476" />
            <source>✘ Does not match.</source>
            <translation>✘ Stimmt nicht.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/identity_text.py" line="481" />
            <source>✘ Wrong code.</source>
            <translation>✘ Falscher Code.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/identity_text.py" line="484" />
            <source>The phone password is locked: nothing was compared.</source>
            <translation>Das Telefonpasswort ist gesperrt: Es wurde nichts verglichen.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/identity_text.py" line="487" />
            <source>This customer has no phone password. Use another factor.</source>
            <translation>Dieser Kunde hat kein Telefonpasswort. Nutzen Sie einen anderen Faktor.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/identity_text.py" line="490" />
            <source>This code is void or expired: send a new one.</source>
            <translation>Dieser Code ist ungültig oder abgelaufen: Senden Sie einen neuen.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/identity_text.py" line="493" />
            <source>No code has been sent yet.</source>
            <translation>Es wurde noch kein Code versandt.</translation>
        </message>
    </context>
    <context>
        <name>InvoiceDocument</name>
        <message>
            <location filename="../../kcp_desk/views/invoice_document.py" line="45" />
            <source>Cancelled by {0}.</source>
            <translation>Storniert durch {0}.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/invoice_document.py" line="46" />
            <source>State</source>
            <translation>Status</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/invoice_document.py" line="47" />
            <source>Paid</source>
            <translation>Bezahlt</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/invoice_document.py" line="48" />
            <source>Open</source>
            <translation>Offen</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/invoice_document.py" line="49" />
            <source>Payments</source>
            <translation>Zahlungen</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/invoice_document.py" line="50" />
            <source>Dunning</source>
            <translation>Mahnwesen</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/invoice_document.py" line="51" />
            <source>fee</source>
            <translation>Gebühr</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/invoice_document.py" line="52" />
            <source>pay by</source>
            <translation>zahlbar bis</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/invoice_document.py" line="53" />
            <source>Next: {0} on {1}</source>
            <translation>Als Nächstes: {0} am {1}</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/invoice_document.py" line="54" />
            <source>Returned debits</source>
            <translation>Rücklastschriften</translation>
        </message>
        <message numerus="yes">
            <location filename="../../kcp_desk/views/invoice_document.py" line="151" />
            <source>%n days overdue</source>
            <translation>
                <numerusform>%n Tag überfällig</numerusform>
                <numerusform>%n Tage überfällig</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>InvoiceListModel</name>
        <message>
            <location filename="../../kcp_desk/views/billing_tab.py" line="108" />
            <source>Invoice</source>
            <extracomment>below this tab width the invoice detail goes under the list, not beside it the first page is in (``rowCount()`` may still be 0: no invoices)</extracomment>
            <translation>Rechnung</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/billing_tab.py" line="109" />
            <source>Issued</source>
            <translation>Ausgestellt</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/billing_tab.py" line="110" />
            <source>Due</source>
            <translation>Fällig</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/billing_tab.py" line="111" />
            <source>State</source>
            <translation>Status</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/billing_tab.py" line="112" />
            <source>Amount</source>
            <translation>Betrag</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/billing_tab.py" line="113" />
            <source>Open</source>
            <translation>Offen</translation>
        </message>
    </context>
    <context>
        <name>KcpError</name>
        <message>
            <location filename="../../kcp_desk/services/auth.py" line="40" />
            <source>User name or passphrase is wrong.</source>
            <translation>Benutzername oder Passphrase ist falsch.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/services/access.py" line="27" />
            <source>The desk is locked. Unlock it first.</source>
            <extracomment>who works with customer data (SPEC §0); admins do not</extracomment>
            <translation>Der Desk ist gesperrt. Bitte zuerst entsperren.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/services/access.py" line="28" />
            <location filename="../../kcp_desk/services/auth.py" line="41" />
            <source>This account is disabled. Please ask an admin.</source>
            <translation>Dieses Konto ist deaktiviert. Bitte wenden Sie sich an die Administration.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/services/auth.py" line="42" />
            <source>This workstation has no secure keyring, so it cannot remember you.</source>
            <translation>Dieser Arbeitsplatz hat keinen sicheren Schlüsselbund und kann sich Sie daher nicht merken.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/services/auth.py" line="287" />
            <source>The passphrase is wrong.</source>
            <extracomment>what a failed login records instead of a typed name that is no agent's (it may be a passphrase typed into the wrong field, and the audit log keeps it for ever) where "remember on this workstation" put the device key, if it was asked for why remembering failed, if it was asked for and did (the login itself succeeded) "" for a wrong passphrase, "damaged" when the blob itself cannot be read the device this workstation remembered before (its seal is replaced)</extracomment>
            <translation>Die Passphrase ist falsch.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/services/agents.py" line="26" />
            <source>The passphrase needs at least {n} characters.</source>
            <translation>Die Passphrase braucht mindestens {n} Zeichen.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/db.py" line="283" />
            <source>The database schema is older than this desk ({current}, needs {head}). Ask an admin to run: kcp-desk db upgrade</source>
            <extracomment>Tables whose guard triggers a desk must never drop or alter (A-3, PAY-1). On PostgreSQL the desk role owns nothing; on SQLite the desk's own connections refuse it. SQLite waits this long for another writer's lock before the action fails (a bounded retry inside SQLite itself) a desk's statements take milliseconds; this one is far beyond them (PostgreSQL) PostgreSQL: connecting (TCP, TLS, authentication) gives up after this long PostgreSQL: the kernel drops a connection whose sent data stays unacknowledged this long (Linux), and probes an idle one with keepalives PostgreSQL, client side: the server enforces statement_timeout, but a black-holed network (a VPN or NAT that keeps the socket open and drops the bytes) never lets it say so, and the kernel sees nothing wrong either. So the desk itself stops waiting for any answer (statement, fetch, commit) this long after statement_timeout would have fired, and drops the connection: DatabaseUnavailable, not a hung worker. …and for the pool's liveness ping before each action, which takes milliseconds</extracomment>
            <translation>Das Datenbankschema ist älter als dieser Desk ({current}, benötigt {head}). Bitte einen Admin, dies auszuführen: kcp-desk db upgrade</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/db.py" line="335" />
            <source>The database file {where} was deleted or replaced while the desk was running. Your last change may not have been saved. Restore the file (or restart the desk) to go on; your input is kept.</source>
            <translation>Die Datenbankdatei {where} wurde gelöscht oder ersetzt, während der Desk lief. Ihre letzte Änderung ist womöglich nicht gespeichert. Stellen Sie die Datei wieder her (oder starten Sie den Desk neu), um weiterzuarbeiten; Ihre Eingaben bleiben erhalten.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/db.py" line="379" />
            <source>The input contains characters that cannot be stored. Nothing was saved.</source>
            <translation>Die Eingabe enthält Zeichen, die nicht gespeichert werden können. Es wurde nichts gespeichert.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/db.py" line="389" />
            <source>Another program is writing to the database and did not finish in time. Nothing was saved; try again in a moment. Your input is kept.</source>
            <translation>Ein anderes Programm schreibt gerade in die Datenbank und wurde nicht rechtzeitig fertig. Es wurde nichts gespeichert; versuchen Sie es gleich noch einmal. Ihre Eingaben bleiben erhalten.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/db.py" line="400" />
            <source>The database file {where} is read-only, so nothing was saved. Check its permissions (and the folder's), then try again. Your input is kept.</source>
            <translation>Die Datenbankdatei {where} ist schreibgeschützt, daher wurde nichts gespeichert. Prüfen Sie die Berechtigungen der Datei (und des Ordners) und versuchen Sie es erneut. Ihre Eingaben bleiben erhalten.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/db.py" line="411" />
            <source>The disk holding {where} is full, so nothing was saved. Free some space, then try again. Your input is kept.</source>
            <translation>Der Datenträger mit {where} ist voll, daher wurde nichts gespeichert. Schaffen Sie Platz und versuchen Sie es erneut. Ihre Eingaben bleiben erhalten.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/db.py" line="422" />
            <source>The database file {where} is damaged or not a kcp-desk database. Nothing was saved. Close the desk and restore the file from a backup.</source>
            <translation>Die Datenbankdatei {where} ist beschädigt oder keine kcp-desk-Datenbank. Es wurde nichts gespeichert. Schließen Sie den Desk und stellen Sie die Datei aus einer Sicherung wieder her.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/db.py" line="433" />
            <source>The database file {where} cannot be read or written. Nothing was saved. Your input is kept.</source>
            <translation>Die Datenbankdatei {where} kann nicht gelesen oder geschrieben werden. Es wurde nichts gespeichert. Ihre Eingaben bleiben erhalten.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/db.py" line="443" />
            <source>The database cannot be reached. Your input is kept.</source>
            <translation>Die Datenbank ist nicht erreichbar. Ihre Eingaben bleiben erhalten.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/db.py" line="444" />
            <source>The database did not answer in time, so nothing was saved. Try again; your input is kept.</source>
            <translation>Die Datenbank hat nicht rechtzeitig geantwortet, daher wurde nichts gespeichert. Versuchen Sie es erneut; Ihre Eingaben bleiben erhalten.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/db.py" line="469" />
            <source>The database server {where} accepts no changes right now (read-only). Your input is kept.</source>
            <translation>Der Datenbankserver {where} nimmt gerade keine Änderungen an (nur lesend). Ihre Eingaben bleiben erhalten.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/db.py" line="478" />
            <source>The database server {where} has run out of disk space. Nothing was saved; your input is kept.</source>
            <translation>Dem Datenbankserver {where} ist der Speicherplatz ausgegangen. Es wurde nichts gespeichert; Ihre Eingaben bleiben erhalten.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/errors.py" line="25" />
            <source>Not a ticket number (#KCP- and 8 digits, e.g. #KCP-00012340).</source>
            <extracomment>a ticket reference (T-1) that is typed or sent: the same words wherever it is read</extracomment>
            <translation>Keine Ticketnummer (#KCP- und 8 Ziffern, z. B. #KCP-00012340).</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/errors.py" line="28" />
            <source>Check digit wrong in ticket number.</source>
            <translation>Prüfziffer der Ticketnummer falsch.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/errors.py" line="29" />
            <source>There is no ticket with this number.</source>
            <translation>Es gibt kein Ticket mit dieser Nummer.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/services/name_change.py" line="64" />
            <source>This ticket belongs to another customer.</source>
            <translation>Dieses Ticket gehört zu einem anderen Kunden.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/services/name_change.py" line="67" />
            <source>A name change for this customer is already waiting for a lead's decision.</source>
            <translation>Für diesen Kunden wartet bereits eine Namensänderung auf die Entscheidung einer Teamleitung.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/services/name_change.py" line="70" />
            <source>The new name is the same as the old one.</source>
            <translation>Der neue Name ist derselbe wie der alte.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/services/name_change.py" line="71" />
            <source>Only a lead can approve or reject a name change.</source>
            <translation>Nur eine Teamleitung kann eine Namensänderung freigeben oder ablehnen.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/services/name_change.py" line="74" />
            <source>You requested this name change yourself; another lead has to decide it (four-eyes).</source>
            <translation>Sie haben diese Namensänderung selbst beantragt; eine andere Teamleitung muss entscheiden (Vier-Augen-Prinzip).</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/services/name_change.py" line="78" />
            <source>This name-change request does not exist.</source>
            <translation>Diesen Antrag auf Namensänderung gibt es nicht.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/services/name_change.py" line="81" />
            <source>Someone else changed or decided this request meanwhile. Reload to see it.</source>
            <translation>Jemand anderes hat diesen Antrag inzwischen geändert oder entschieden. Laden Sie neu, um es zu sehen.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/services/name_change.py" line="84" />
            <source>Please give a reason for the decision.</source>
            <translation>Bitte begründen Sie die Entscheidung.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/errors.py" line="22" />
            <source>At most {n} characters, please.</source>
            <extracomment>the one message for a field over its length limit (``n`` = the limit)</extracomment>
            <translation>Bitte höchstens {n} Zeichen.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/errors.py" line="32" />
            <source>This reply looks like it contains a password or a key. The customer will see it. Send it anyway?</source>
            <extracomment>a reply that looks like it holds a password or a key (:class:`SecretLookingReply`)</extracomment>
            <translation>Diese Antwort scheint ein Passwort oder einen Schlüssel zu enthalten. Der Kunde wird sie sehen. Trotzdem senden?</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/services/search.py" line="208" />
            <source>Check digit wrong: {ref} is not a valid customer number.</source>
            <translation>Prüfziffer falsch: {ref} ist keine gültige Kundennummer.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/services/search.py" line="211" />
            <source>Check digit wrong: {ref} is not a valid ticket reference.</source>
            <translation>Prüfziffer falsch: {ref} ist keine gültige Ticketnummer.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/services/search.py" line="214" />
            <source>Check digit wrong: {ref} is not a valid support order reference.</source>
            <translation>Prüfziffer falsch: {ref} ist keine gültige Support-Auftragsnummer.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/services/search.py" line="217" />
            <source>Check digit wrong: {ref} is not a valid SEPA mandate reference.</source>
            <translation>Prüfziffer falsch: {ref} ist keine gültige SEPA-Mandatsreferenz.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/services/customers.py" line="120" />
            <source>This customer does not exist.</source>
            <extracomment>Rows per list tab (invoices, tickets, support orders, history); ``Listing.total`` says how many there are in all. The form fields ``update_contact`` accepts. Address parts are ``billing.&lt;part&gt;``. ``email`` only unchanged: a new address goes through the identity case (C1.4, C2). Changed only through a name-change request (C1.4, ID-4).</extracomment>
            <translation>Diesen Kunden gibt es nicht.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/services/customers.py" line="121" />
            <source>Someone else changed this customer meanwhile. Your input is kept; reload to see their change.</source>
            <translation>Jemand anderes hat diesen Kunden inzwischen geändert. Ihre Eingaben bleiben erhalten; laden Sie neu, um die Änderung zu sehen.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/services/customers.py" line="125" />
            <source>Name and company change only by a name-change request with a ticket, approved by a lead.</source>
            <translation>Name und Firma ändern sich nur über einen Antrag auf Namensänderung mit Ticket, freigegeben von einer Teamleitung.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/services/customers.py" line="129" />
            <source>The e-mail address is changed only through an identity case (Change e-mail…), with two factors and a team lead's approval.</source>
            <translation>Die E-Mail-Adresse ändert sich nur über einen Identitätsfall (E-Mail ändern …), mit zwei Faktoren und der Freigabe einer Teamleitung.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/services/access.py" line="29" />
            <source>Only agents and leads work with customer data.</source>
            <translation>Nur Servicemitarbeitende und Teamleitungen arbeiten mit Kundendaten.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/services/caller_verification.py" line="132" />
            <source>Type what the caller says.</source>
            <extracomment>The ID-3 limits are the policy's own objects (one place to change them). Without an identity case, wrong tries this close together belong to one call. P is locked (ID-3); nothing was compared or counted the customer has no phone password wrong tries left before P locks; 0 when locked, None when no password is set set when P is (now) locked</extracomment>
            <translation>Tippen Sie ein, was der Anrufer sagt.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/services/caller_verification.py" line="133" />
            <source>This identity case does not belong to this customer.</source>
            <translation>Dieser Identitätsfall gehört nicht zu diesem Kunden.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/services/caller_verification.py" line="136" />
            <source>This identity case is no longer open; no more factors can be tried in it.</source>
            <translation>Dieser Identitätsfall ist nicht mehr offen; es können keine weiteren Faktoren geprüft werden.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/services/intake/documents.py" line="112" />
            <source>This is not a JSON document.</source>
            <extracomment>the version of every document kind this desk reads ``tickets.subject`` is VARCHAR(300) a portal message; far beyond what a customer types, short of a pasted log file ``sub_accounts.login`` is VARCHAR(64) the subject hook of T-1: ``[#KCP-00012340]`` (any case, spaces, missing ``#``)</extracomment>
            <translation>Das ist kein JSON-Dokument.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/services/intake/documents.py" line="113" />
            <source>The document must be UTF-8 text.</source>
            <translation>Das Dokument muss UTF-8-Text sein.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/services/intake/documents.py" line="114" />
            <source>The document must be a JSON object.</source>
            <translation>Das Dokument muss ein JSON-Objekt sein.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/services/intake/documents.py" line="115" />
            <source>Unknown document kind; expected one of: {kinds}.</source>
            <translation>Unbekannte Dokumentart; erwartet wird eine von: {kinds}.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/services/intake/documents.py" line="118" />
            <source>Unsupported version; this desk reads version {version}.</source>
            <translation>Nicht unterstützte Version; dieser Desk liest Version {version}.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/services/intake/documents.py" line="121" />
            <source>Unknown field.</source>
            <translation>Unbekanntes Feld.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/services/intake/documents.py" line="122" />
            <source>This field appears more than once.</source>
            <translation>Dieses Feld kommt mehr als einmal vor.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/services/intake/documents.py" line="123" />
            <location filename="../../kcp_desk/domain/contact_rules.py" line="104" />
            <location filename="../../kcp_desk/domain/contact_rules.py" line="173" />
            <source>This field is required.</source>
            <extracomment>Numbers without a country prefix are German (the hoster's home market). Column widths of the fields (``kcp_desk.models``), checked here so the database never has to refuse (PostgreSQL would; SQLite would silently store more). Countries whose postcodes are checked strictly: the number of digits.</extracomment>
            <translation>Dieses Feld ist ein Pflichtfeld.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/services/intake/documents.py" line="124" />
            <source>Text expected.</source>
            <translation>Text erwartet.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/services/intake/documents.py" line="125" />
            <source>Text or null expected.</source>
            <translation>Text oder null erwartet.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/services/intake/documents.py" line="126" />
            <source>This field must not be empty.</source>
            <translation>Dieses Feld darf nicht leer sein.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/services/intake/documents.py" line="127" />
            <source>Unknown priority; expected one of: {choices}.</source>
            <translation>Unbekannte Priorität; erwartet wird eine von: {choices}.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/services/intake/documents.py" line="128" />
            <source>Not a customer number (K and 8 digits, e.g. K12345671).</source>
            <translation>Keine Kundennummer (K und 8 Ziffern, z. B. K12345671).</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/services/intake/documents.py" line="131" />
            <source>Check digit wrong in customer number.</source>
            <translation>Prüfziffer der Kundennummer falsch.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/services/intake/documents.py" line="132" />
            <source>The ticket hook in the subject is not a ticket number (e.g. [#KCP-00012340]).</source>
            <translation>Die Ticketangabe im Betreff ist keine Ticketnummer (z. B. [#KCP-00012340]).</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/services/intake/documents.py" line="135" />
            <source>Check digit wrong in the ticket hook of the subject.</source>
            <translation>Prüfziffer der Ticketnummer im Betreff falsch.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/services/intake/documents.py" line="138" />
            <source>Name the ticket: a reference, or a subject with the hook [#KCP-…].</source>
            <translation>Bitte das Ticket angeben: eine Referenz oder einen Betreff mit [#KCP-…].</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/services/intake/documents.py" line="141" />
            <source>The reference and the subject's hook name different tickets.</source>
            <translation>Referenz und Betreff nennen verschiedene Tickets.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/services/intake/documents.py" line="377" />
            <source>A JSON object expected.</source>
            <extracomment>``&lt;id&gt;.&lt;secret&gt;`` from a confirmation link, or None the customer who typed a letter code, and the code as typed ``support_orders.category`` / ``catalogue_task`` are VARCHAR(100) ``products.hostname`` is VARCHAR(253) ``order_consents.wording_version`` is VARCHAR(20) credentials per order: far more than root, mail, FTP, panel and database need a credential value: room for a pasted 4096-bit private key, short of a file an estimate beyond a working month is a typing error the highest price the portal can acknowledge without a quote (net EUR)</extracomment>
            <translation>Ein JSON-Objekt erwartet.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/services/intake/documents.py" line="378" />
            <source>A time with its time zone expected (ISO 8601, e.g. 2026-12-01T09:30:00Z).</source>
            <translation>Eine Zeit mit Zeitzone erwartet (ISO 8601, z. B. 2026-12-01T09:30:00Z).</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/services/intake/documents.py" line="381" />
            <source>Unknown consent; expected one of: {choices}.</source>
            <translation>Unbekannte Einwilligung; erwartet wird eine von: {choices}.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/services/intake/documents.py" line="384" />
            <source>Unknown wording version of this consent; the desk knows: {choices}.</source>
            <translation>Unbekannte Fassung dieser Einwilligung; der Desk kennt: {choices}.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/services/intake/documents.py" line="387" />
            <source>The customer's cost acknowledgement is missing; the order cannot be taken.</source>
            <translation>Die Kostenbestätigung des Kunden fehlt; der Auftrag kann nicht angenommen werden.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/services/intake/documents.py" line="390" />
            <source>Unknown cost model; expected one of: {choices}.</source>
            <translation>Unbekanntes Abrechnungsmodell; erwartet wird eines von: {choices}.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/services/intake/documents.py" line="393" />
            <source>Unknown Systems-Management package; expected one of: {choices}.</source>
            <translation>Unbekanntes Systems-Management-Paket; erwartet wird eines von: {choices}.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/services/intake/documents.py" line="396" />
            <source>An amount in euros as text expected, with at most two decimal places (e.g. "29.75").</source>
            <translation>Ein Euro-Betrag als Text erwartet, mit höchstens zwei Nachkommastellen (z. B. "29.75").</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/services/intake/documents.py" line="400" />
            <source>The amount must be more than 0.00 and at most {max}.</source>
            <translation>Der Betrag muss größer als 0.00 und höchstens {max} sein.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/services/intake/documents.py" line="403" />
            <source>The price per started 15 minutes of package {package} is {rate}.</source>
            <translation>Der Preis je angefangene 15 Minuten im Paket {package} beträgt {rate}.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/services/intake/documents.py" line="406" />
            <source>A whole number of minutes from 1 to {max} expected.</source>
            <translation>Eine ganze Zahl von Minuten zwischen 1 und {max} erwartet.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/services/intake/documents.py" line="409" />
            <source>This field does not belong to the cost model {model}.</source>
            <translation>Dieses Feld gehört nicht zum Abrechnungsmodell {model}.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/services/intake/documents.py" line="412" />
            <source>At most {n} credentials per order, please.</source>
            <translation>Höchstens {n} Zugangsdaten je Auftrag, bitte.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/services/intake/documents.py" line="415" />
            <source>Another credential has the same name.</source>
            <translation>Andere Zugangsdaten haben schon denselben Namen.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/services/intake/documents.py" line="418" />
            <source>The credential must be text.</source>
            <translation>Zugangsdaten müssen Text sein.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/services/intake/documents.py" line="419" />
            <source>The credential must not be empty.</source>
            <translation>Die Zugangsdaten dürfen nicht leer sein.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/services/intake/documents.py" line="695" />
            <source>Exactly one of token and letter_code is expected.</source>
            <extracomment>one validator per document kind a link token is ``&lt;id&gt;.`` + 43 characters; a letter code 16 plus separators</extracomment>
            <translation>Genau eines von token und letter_code wird erwartet.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/domain/contact_rules.py" line="118" />
            <source>An e-mail address is required.</source>
            <translation>Eine E-Mail-Adresse ist Pflicht.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/domain/contact_rules.py" line="124" />
            <source>Not a valid e-mail address.</source>
            <translation>Keine gültige E-Mail-Adresse.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/domain/contact_rules.py" line="141" />
            <source>Not a valid phone number (numbers abroad need their +country code).</source>
            <translation>Keine gültige Telefonnummer (Nummern im Ausland brauchen ihre +Ländervorwahl).</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/domain/contact_rules.py" line="163" />
            <source>Not a country code (two letters, e.g. DE, AT, CH).</source>
            <translation>Kein Ländercode (zwei Buchstaben, z. B. DE, AT, CH).</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/domain/contact_rules.py" line="179" />
            <source>A postcode in {country} has {n} digits.</source>
            <translation>Eine PLZ in {country} hat {n} Ziffern.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/domain/contact_rules.py" line="187" />
            <source>Not a valid postcode.</source>
            <translation>Keine gültige PLZ.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/domain/contact_rules.py" line="209" />
            <source>Not a date (e.g. 30.04.1980).</source>
            <translation>Kein Datum (z. B. 30.04.1980).</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/domain/contact_rules.py" line="213" />
            <source>The date of birth must lie in the past.</source>
            <translation>Das Geburtsdatum muss in der Vergangenheit liegen.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/domain/sepa.py" line="68" />
            <source>Please enter the IBAN.</source>
            <translation>Bitte geben Sie die IBAN ein.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/domain/sepa.py" line="69" />
            <source>This IBAN is not valid: its check digits do not match. Is there a typo?</source>
            <translation>Diese IBAN ist ungültig: Die Prüfziffern stimmen nicht. Ein Tippfehler?</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/domain/sepa.py" line="72" />
            <source>This IBAN has the wrong number of characters for its country.</source>
            <translation>Diese IBAN hat für ihr Land die falsche Länge.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/domain/sepa.py" line="75" />
            <source>This IBAN does not start with a known country code.</source>
            <translation>Diese IBAN beginnt nicht mit einem bekannten Ländercode.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/domain/sepa.py" line="78" />
            <source>This is not a valid IBAN (e.g. DE89 3704 0044 0532 0130 00).</source>
            <translation>Das ist keine gültige IBAN (z. B. DE89 3704 0044 0532 0130 00).</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/domain/sepa.py" line="81" />
            <source>Direct debits need an IBAN from a SEPA country.</source>
            <translation>Lastschriften brauchen eine IBAN aus einem SEPA-Land.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/domain/sepa.py" line="84" />
            <source>This is not a valid BIC (8 or 11 characters, e.g. COBADEFFXXX).</source>
            <translation>Das ist keine gültige BIC (8 oder 11 Zeichen, z. B. COBADEFFXXX).</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/domain/sepa.py" line="87" />
            <source>Please enter the account holder.</source>
            <translation>Bitte geben Sie den Kontoinhaber ein.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/domain/sepa.py" line="88" />
            <source>A mandate reference has at most 35 letters, digits and / - ? : ( ) . , ' + (no spaces, no // and no / at either end).</source>
            <translation>Eine Mandatsreferenz hat höchstens 35 Buchstaben, Ziffern und / - ? : ( ) . , ' + (keine Leerzeichen, kein // und kein / am Anfang oder Ende).</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/domain/sepa.py" line="93" />
            <source>This is not a valid creditor identifier (e.g. DE98ZZZ09999999999).</source>
            <translation>Das ist keine gültige Gläubiger-ID (z. B. DE98ZZZ09999999999).</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/domain/sepa.py" line="96" />
            <source>A return reason code has four letters or digits, e.g. AM04.</source>
            <translation>Ein Rückgabegrund hat vier Buchstaben oder Ziffern, z. B. AM04.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/services/billing.py" line="139" />
            <source>This invoice does not exist.</source>
            <translation>Diese Rechnung gibt es nicht.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/services/billing.py" line="140" />
            <source>Someone else changed this invoice meanwhile. Reload to see their change.</source>
            <translation>Jemand anderes hat diese Rechnung inzwischen geändert. Laden Sie neu, um die Änderung zu sehen.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/services/billing.py" line="143" />
            <source>Only a lead may cancel an invoice.</source>
            <translation>Nur eine Teamleitung darf eine Rechnung stornieren.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/services/billing.py" line="144" />
            <source>This invoice is already cancelled.</source>
            <translation>Diese Rechnung ist bereits storniert.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/services/billing.py" line="145" />
            <source>A cancellation invoice or credit note cannot be cancelled.</source>
            <translation>Eine Stornorechnung oder Gutschrift kann nicht storniert werden.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/services/identity/service.py" line="86" />
            <source>This customer already has an identity case in progress; continue that one.</source>
            <translation>Für diesen Kunden läuft bereits ein Identitätsfall; bitte diesen fortsetzen.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/services/identity/service.py" line="89" />
            <source>This identity case is no longer open; nothing more can be done in it.</source>
            <translation>Dieser Identitätsfall ist nicht mehr offen; darin ist nichts mehr möglich.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/services/identity/service.py" line="92" />
            <source>Someone else changed this identity case meanwhile. Reload to see it.</source>
            <translation>Jemand anderes hat diesen Identitätsfall inzwischen geändert. Bitte neu laden.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/services/identity/service.py" line="95" />
            <source>The factors passed so far do not allow a new e-mail address (two independent factors are needed: P+E, P+L, P+M or L+D).</source>
            <translation>Die bisher bestandenen Faktoren erlauben keine neue E-Mail-Adresse (nötig sind zwei unabhängige Faktoren: P+E, P+L, P+M oder L+D).</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/services/identity/service.py" line="100" />
            <source>This is the address the customer already has.</source>
            <translation>Diese Adresse hat der Kunde bereits.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/services/identity/service.py" line="101" />
            <source>Only a team lead can approve or reject an identity case.</source>
            <translation>Nur eine Teamleitung kann einen Identitätsfall genehmigen oder ablehnen.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/services/identity/service.py" line="104" />
            <source>You prepared this identity case yourself; another team lead has to decide it (four-eyes).</source>
            <translation>Sie haben diesen Identitätsfall selbst vorbereitet; eine andere Teamleitung muss entscheiden (Vier-Augen-Prinzip).</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/services/identity/service.py" line="108" />
            <source>This identity case is not waiting for a decision.</source>
            <translation>Dieser Identitätsfall wartet nicht auf eine Entscheidung.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/services/identity/service.py" line="111" />
            <location filename="../../kcp_desk/services/billing.py" line="148" />
            <source>Please give a reason.</source>
            <translation>Bitte geben Sie einen Grund an.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/services/identity/service.py" line="112" />
            <source>Type the code the caller reads out.</source>
            <translation>Geben Sie den Code ein, den der Anrufer vorliest.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/services/identity/service.py" line="116" />
            <source>An SMS code has six digits.</source>
            <translation>Ein SMS-Code hat sechs Ziffern.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/services/identity/service.py" line="117" />
            <source>Choose the document that was presented.</source>
            <translation>Wählen Sie das vorgelegte Dokument.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/services/identity/service.py" line="118" />
            <source>The customer has no postal address to send a letter to.</source>
            <translation>Für den Kunden ist keine Postanschrift hinterlegt, an die ein Brief gehen könnte.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/services/identity/refusals.py" line="16" />
            <source>This factor has already passed in this case.</source>
            <extracomment>the policy's refusals (``Decision.reason_key``) as messages next to the factor's action</extracomment>
            <translation>Dieser Faktor ist in diesem Fall bereits bestanden.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/services/identity/refusals.py" line="17" />
            <source>The customer has no phone password.</source>
            <translation>Der Kunde hat kein Telefonpasswort.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/services/identity/refusals.py" line="18" />
            <source>The caller has no access to the registered mailbox.</source>
            <translation>Der Anrufer hat keinen Zugriff auf das hinterlegte Postfach.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/services/identity/refusals.py" line="21" />
            <source>The postal address changed during this case; no letter code goes there.</source>
            <translation>Die Postanschrift wurde während dieses Falls geändert; dorthin geht kein Brief-Code.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/services/identity/refusals.py" line="24" />
            <source>The postal address changed less than 30 days ago; a letter code is possible from {letter_possible_from}.</source>
            <translation>Die Postanschrift wurde vor weniger als 30 Tagen geändert; ein Brief-Code ist ab {letter_possible_from} möglich.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/services/identity/refusals.py" line="29" />
            <source>The customer has no mobile number.</source>
            <translation>Der Kunde hat keine Mobilnummer.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/services/identity/refusals.py" line="30" />
            <source>The mobile number changed during this case; no SMS goes there.</source>
            <translation>Die Mobilnummer wurde während dieses Falls geändert; dorthin geht keine SMS.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/services/identity/refusals.py" line="33" />
            <source>The mobile number was registered less than 30 days ago; an SMS is possible from {sms_possible_from}.</source>
            <translation>Die Mobilnummer ist seit weniger als 30 Tagen hinterlegt; eine SMS ist ab {sms_possible_from} möglich.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/services/identity/refusals.py" line="38" />
            <source>A new letter can be sent from {not_before} (3 days after the last one).</source>
            <translation>Ein neuer Brief kann ab {not_before} verschickt werden (3 Tage nach dem letzten).</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/services/identity/refusals.py" line="41" />
            <source>No more SMS in this case (at most {limit}).</source>
            <translation>In diesem Fall keine weitere SMS (höchstens {limit}).</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/services/identity/refusals.py" line="44" />
            <source>No more SMS to this customer today (at most {limit} in 24 hours); the next one from {not_before}.</source>
            <translation>Heute keine weitere SMS an diesen Kunden (höchstens {limit} in 24 Stunden); die nächste ab {not_before}.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/services/identity/refusals.py" line="49" />
            <source>A new SMS can be sent from {not_before}.</source>
            <translation>Eine neue SMS kann ab {not_before} verschickt werden.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/services/identity/refusals.py" line="52" />
            <source>No more links in this case (at most {limit}).</source>
            <translation>In diesem Fall kein weiterer Link (höchstens {limit}).</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/services/identity/refusals.py" line="55" />
            <source>A new link can be sent from {not_before}.</source>
            <translation>Ein neuer Link kann ab {not_before} verschickt werden.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/services/identity/refusals.py" line="58" />
            <source>The phone password is locked for this case (3 wrong tries).</source>
            <translation>Das Telefonpasswort ist für diesen Fall gesperrt (3 falsche Versuche).</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/services/identity/refusals.py" line="61" />
            <source>The phone password is locked until {until}.</source>
            <translation>Das Telefonpasswort ist bis {until} gesperrt.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/services/identity/refusals.py" line="62" />
            <source>A document was rejected in this case; D cannot pass any more.</source>
            <translation>In diesem Fall wurde ein Dokument abgelehnt; D kann nicht mehr bestanden werden.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/services/identity/refusals.py" line="66" />
            <source>This factor cannot be used now.</source>
            <translation>Dieser Faktor ist jetzt nicht nutzbar.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/services/billing.py" line="149" />
            <source>This invoice was not collected by direct debit.</source>
            <translation>Diese Rechnung wurde nicht per Lastschrift eingezogen.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/services/billing.py" line="152" />
            <source>A cancelled invoice or a credit note cannot have a returned debit.</source>
            <translation>Eine stornierte Rechnung oder Gutschrift kann keine Rücklastschrift haben.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/services/billing.py" line="155" />
            <source>This date lies in the future.</source>
            <translation>Dieses Datum liegt in der Zukunft.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/services/billing.py" line="156" />
            <source>The debit cannot come back before the invoice was issued.</source>
            <translation>Die Lastschrift kann nicht vor dem Rechnungsdatum zurückkommen.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/services/billing.py" line="159" />
            <source>The amount must be more than zero.</source>
            <translation>Der Betrag muss größer als null sein.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/services/billing.py" line="160" />
            <source>The amount is higher than the invoice total.</source>
            <translation>Der Betrag ist höher als die Rechnungssumme.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/services/billing.py" line="163" />
            <source>The fee cannot be negative.</source>
            <translation>Die Gebühr kann nicht negativ sein.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/services/billing.py" line="164" />
            <source>The customer already pays this way.</source>
            <translation>Der Kunde zahlt bereits so.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/services/billing.py" line="165" />
            <source>This customer has used all 99 mandate references.</source>
            <translation>Dieser Kunde hat alle 99 Mandatsreferenzen verbraucht.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/services/billing.py" line="168" />
            <source>No SEPA creditor identifier is configured.</source>
            <translation>Es ist keine SEPA-Gläubiger-ID eingerichtet.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/app.py" line="98" />
            <source>The database file {where} is missing. It was there before; restore it from a backup, or point the desk at another database.</source>
            <extracomment>seconds between tries when the database is not there at start-up set by bench/startup.py: print a marker when the login window has painted, then quit</extracomment>
            <translation>Die Datenbankdatei {where} fehlt. Sie war vorher da; stellen Sie sie aus einer Sicherung wieder her oder verbinden Sie den Desk mit einer anderen Datenbank.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/security/keyring_guard.py" line="101" />
            <source>The keyring of this workstation is locked. Unlock it and try again.</source>
            <extracomment>where the secret goes, if a secure backend was found the backends that were found and refused (when there is none)</extracomment>
            <translation>Der Schlüsselbund dieses Arbeitsplatzes ist gesperrt. Entsperren Sie ihn und versuchen Sie es erneut.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/security/keyring_guard.py" line="104" />
            <source>The keyring of this workstation cannot be used right now ({error}).</source>
            <translation>Der Schlüsselbund dieses Arbeitsplatzes kann gerade nicht verwendet werden ({error}).</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/operation.py" line="45" />
            <source>The desk was locked before this was finished, so nothing was done. Please try again.</source>
            <translation>Der Desk wurde gesperrt, bevor dies fertig war; es ist nichts geschehen. Bitte versuchen Sie es erneut.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/domain/text_input.py" line="45" />
            <source>Control characters are not allowed here (character {position}).</source>
            <translation>Steuerzeichen sind hier nicht erlaubt (Zeichen {position}).</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/domain/text_input.py" line="48" />
            <source>Invisible formatting characters are not allowed here (character {position}); they often come with copied text.</source>
            <translation>Unsichtbare Formatierungszeichen sind hier nicht erlaubt (Zeichen {position}); sie kommen oft mit kopiertem Text.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/domain/text_input.py" line="53" />
            <source>The text holds a broken character (character {position}); please type it again.</source>
            <translation>Der Text enthält ein defektes Zeichen (Zeichen {position}); bitte tippen Sie ihn noch einmal.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/services/tickets/assignment.py" line="70" />
            <location filename="../../kcp_desk/services/tickets/thread.py" line="78" />
            <source>This ticket does not exist.</source>
            <extracomment>a claim that found the ticket free again after losing (the winner released it at once) tries again this often before it reports who has it
----------
the longest reply or note, in characters (after cleaning) what an agent may post a linked order's one-line summary is shortened to this many characters</extracomment>
            <translation>Dieses Ticket gibt es nicht.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/services/tickets/assignment.py" line="71" />
            <source>This ticket is closed and in the archive: it can be read, not changed. A message from the customer reopens it.</source>
            <translation>Dieses Ticket ist geschlossen und im Archiv: Es kann gelesen, aber nicht geändert werden. Eine Nachricht des Kunden öffnet es wieder.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/services/tickets/assignment.py" line="76" />
            <source>Someone else changed this ticket meanwhile. Reload to see their change.</source>
            <translation>Jemand anderes hat dieses Ticket inzwischen geändert. Laden Sie neu, um die Änderung zu sehen.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/services/tickets/assignment.py" line="79" />
            <source>Only the agent who has this ticket can release it.</source>
            <translation>Nur wer dieses Ticket bearbeitet, kann es freigeben.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/services/tickets/assignment.py" line="82" />
            <source>Only the agent who has this ticket can hand it over; a lead can reassign it.</source>
            <translation>Nur wer dieses Ticket bearbeitet, kann es übergeben; eine Teamleitung kann es neu zuweisen.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/services/tickets/assignment.py" line="86" />
            <source>Only the agent who has this ticket, or a lead, can change its state. Claim it first.</source>
            <translation>Nur wer dieses Ticket bearbeitet oder eine Teamleitung kann seinen Status ändern. Übernehmen Sie es zuerst.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/services/tickets/assignment.py" line="90" />
            <source>Only a lead can reassign a ticket; the agent who has it can hand it over.</source>
            <translation>Nur eine Teamleitung kann ein Ticket neu zuweisen; wer es bearbeitet, kann es übergeben.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/services/tickets/assignment.py" line="94" />
            <source>Please give a reason for the reassignment.</source>
            <translation>Bitte geben Sie einen Grund für die Neuzuweisung an.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/services/tickets/assignment.py" line="97" />
            <source>This colleague does not exist, is disabled or does not work tickets.</source>
            <translation>Diese Kollegin oder diesen Kollegen gibt es nicht, das Konto ist deaktiviert oder bearbeitet keine Tickets.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/services/tickets/assignment.py" line="100" />
            <source>The ticket is already assigned to {name}.</source>
            <translation>Das Ticket ist bereits {name} zugewiesen.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/services/tickets/assignment.py" line="103" />
            <source>A ticket cannot go from state “{old}” to “{new}”.</source>
            <translation>Ein Ticket kann nicht vom Status „{old}“ in „{new}“ wechseln.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/services/tickets/dto.py" line="23" />
            <source>This ticket is already taken by {name}.</source>
            <extracomment>T-4: what the agent who lost a claim is told (``name`` = who has the ticket now)</extracomment>
            <translation>Dieses Ticket bearbeitet bereits {name}.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/services/tickets/dto.py" line="24" />
            <source>You already have this ticket.</source>
            <translation>Sie bearbeiten dieses Ticket bereits.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/services/tickets/queues.py" line="117" />
            <source>Only a lead can see the team's queue and workload.</source>
            <extracomment>ids read per round trip by :meth:`TicketQueues.ids`</extracomment>
            <translation>Nur eine Teamleitung sieht die Tickets und die Auslastung des Teams.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/services/tickets/queues.py" line="120" />
            <source>Choose a customer first.</source>
            <translation>Wählen Sie zuerst einen Kunden.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/services/intake/apply.py" line="96" />
            <source>There is no customer with this number.</source>
            <extracomment>the number of the first ticket in an empty database (the demo's numbering: 100000 + id) the advisory lock that serialises ticket-number allocation on PostgreSQL ("KCPN")</extracomment>
            <translation>Es gibt keinen Kunden mit dieser Nummer.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/services/intake/apply.py" line="97" />
            <source>The customer has no sub-account with this login.</source>
            <translation>Der Kunde hat kein Zusatzkonto mit diesem Login.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/services/intake/apply.py" line="100" />
            <source>This sub-account is disabled.</source>
            <translation>Dieses Zusatzkonto ist deaktiviert.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/services/intake/apply.py" line="101" />
            <source>This sub-account may not open tickets.</source>
            <translation>Dieses Zusatzkonto darf keine Tickets eröffnen.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/services/intake/apply.py" line="104" />
            <source>This sub-account may not place support orders.</source>
            <translation>Dieses Unterkonto darf keine Support-Aufträge erteilen.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/services/intake/apply.py" line="107" />
            <source>There is no server with this host name.</source>
            <translation>Es gibt keinen Server mit diesem Hostnamen.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/services/intake/apply.py" line="108" />
            <source>This server belongs to another customer.</source>
            <translation>Dieser Server gehört einem anderen Kunden.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/services/intake/apply.py" line="111" />
            <source>Support orders are for servers; this product is not one.</source>
            <translation>Support-Aufträge gibt es nur für Server; dieses Produkt ist keiner.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/services/intake/apply.py" line="114" />
            <source>The contract for this server has ended.</source>
            <translation>Der Vertrag für diesen Server ist beendet.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/services/intake/apply.py" line="115" />
            <source>The server's Systems-Management package is {package}.</source>
            <translation>Das Systems-Management-Paket des Servers ist {package}.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/services/tickets/thread.py" line="79" />
            <source>Only a reply to the customer or an internal note can be added.</source>
            <translation>Hinzufügen lassen sich nur eine Antwort an den Kunden oder eine interne Notiz.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/services/tickets/thread.py" line="82" />
            <source>Please write the message first.</source>
            <translation>Bitte schreiben Sie zuerst die Nachricht.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/services/tickets/thread.py" line="83" />
            <source>Only the agent who has this ticket, or a lead, can reply to the customer. Claim it first, or add an internal note.</source>
            <translation>Nur wer dieses Ticket bearbeitet oder eine Teamleitung kann dem Kunden antworten. Übernehmen Sie es zuerst oder schreiben Sie eine interne Notiz.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/services/orders/service.py" line="63" />
            <source>Someone else changed this support order meanwhile. Reload to see their change.</source>
            <translation>Jemand anderes hat diesen Support-Auftrag inzwischen geändert. Laden Sie neu, um die Änderung zu sehen.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/services/orders/service.py" line="66" />
            <source>Only the agent who handles this support order, or a lead, can change it.</source>
            <translation>Nur wer diesen Support-Auftrag bearbeitet oder eine Teamleitung kann ihn ändern.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/services/orders/service.py" line="70" />
            <source>A support order cannot go from state “{old}” to “{new}”.</source>
            <translation>Ein Support-Auftrag kann nicht vom Status „{old}“ in „{new}“ wechseln.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/services/orders/service.py" line="73" />
            <source>A support order is billed with “Bill”, which writes the invoice.</source>
            <translation>Ein Support-Auftrag wird mit „Abrechnen“ abgerechnet; das erstellt die Rechnung.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/services/orders/service.py" line="76" />
            <source>Only a support order that is done can be billed.</source>
            <translation>Nur ein erledigter Support-Auftrag kann abgerechnet werden.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/services/orders/service.py" line="77" />
            <source>A clock is still running on this order. Stop it first.</source>
            <translation>Auf diesem Auftrag läuft noch eine Zeiterfassung. Stoppen Sie sie zuerst.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/services/orders/service.py" line="80" />
            <source>Time can be booked only while the order is in progress, or done and not yet billed.</source>
            <translation>Zeit lässt sich nur buchen, solange der Auftrag in Bearbeitung ist oder erledigt und noch nicht abgerechnet.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/services/orders/service.py" line="84" />
            <source>The clock runs only while the order is in progress.</source>
            <translation>Die Zeiterfassung läuft nur, solange der Auftrag in Bearbeitung ist.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/services/orders/service.py" line="87" />
            <source>The end must be after the start.</source>
            <translation>Das Ende muss nach dem Beginn liegen.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/services/orders/service.py" line="88" />
            <source>Time in the future cannot be booked.</source>
            <translation>Zeit in der Zukunft kann nicht gebucht werden.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/services/orders/service.py" line="89" />
            <source>Please give the time with its time zone.</source>
            <translation>Bitte geben Sie die Zeit mit Zeitzone an.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/services/orders/service.py" line="90" />
            <source>This overlaps time you have already booked ({ref}).</source>
            <translation>Das überschneidet sich mit Zeit, die Sie bereits gebucht haben ({ref}).</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/services/orders/service.py" line="93" />
            <source>The server has no Systems-Management package, so no time can be included in one.</source>
            <translation>Der Server hat kein Systems-Management-Paket; deshalb kann keine Zeit im Paket enthalten sein.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/services/orders/service.py" line="97" />
            <source>This time entry does not exist.</source>
            <translation>Diesen Zeiteintrag gibt es nicht.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/services/orders/service.py" line="98" />
            <source>This clock has already been stopped.</source>
            <translation>Diese Zeiterfassung wurde bereits gestoppt.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/services/orders/service.py" line="99" />
            <source>Only the agent who booked this time, or a lead, can change it.</source>
            <translation>Nur wer diese Zeit gebucht hat oder eine Teamleitung kann sie ändern.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/services/orders/queries.py" line="55" />
            <source>This support order does not exist.</source>
            <translation>Diesen Support-Auftrag gibt es nicht.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/services/orders/dto.py" line="48" />
            <source>Not every consent was given: {missing} of {required} are missing.</source>
            <extracomment>a data-key wrap to this agent exists at the order's data-key version the agent is the assignee, but no wrap for them yet: a lead's desk grants it someone else has the order, or nobody: only the assigned handler opens them the order has no credentials (never had, or erased when it ended, SO-5) SO-4: why a start-gate condition is not met, by the gate's reason key; the same words in the order view's gate and in the refusal of "in progress" ("KcpError" context)</extracomment>
            <translation>Nicht alle Einwilligungen liegen vor: {missing} von {required} fehlen.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/services/orders/dto.py" line="51" />
            <source>A consent was given in a wording that no longer counts; the customer must confirm the current wording.</source>
            <translation>Eine Einwilligung wurde in einer Fassung erteilt, die nicht mehr gilt; der Kunde muss die aktuelle Fassung bestätigen.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/services/orders/dto.py" line="56" />
            <source>No current backup is assured.</source>
            <translation>Ein aktuelles Backup ist nicht gesichert.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/services/orders/dto.py" line="57" />
            <source>The customer has not acknowledged the cost.</source>
            <translation>Der Kunde hat die Kosten nicht bestätigt.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/services/orders/dto.py" line="60" />
            <source>No estimate was acknowledged for billing by time.</source>
            <translation>Für die Abrechnung nach Zeit wurde keine Schätzung bestätigt.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/services/orders/dto.py" line="63" />
            <source>The expected time ({expected_minutes} min) exceeds the acknowledged estimate ({estimate_minutes} min).</source>
            <translation>Die erwartete Zeit ({expected_minutes} Min.) übersteigt die bestätigte Schätzung ({estimate_minutes} Min.).</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/services/orders/dto.py" line="68" />
            <source>The sub-account that placed the order is disabled.</source>
            <translation>Das Zusatzkonto, das den Auftrag erteilt hat, ist deaktiviert.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/services/orders/dto.py" line="71" />
            <source>The sub-account that placed the order may not place orders.</source>
            <translation>Das Zusatzkonto, das den Auftrag erteilt hat, darf keine Aufträge erteilen.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/services/orders/dto.py" line="74" />
            <source>The customer is in arrears: an unpaid invoice has reached a dunning level that blocks new work.</source>
            <translation>Der Kunde ist im Zahlungsrückstand: Eine offene Rechnung hat eine Mahnstufe erreicht, die neue Arbeit sperrt.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/services/orders/dto.py" line="94" />
            <source>The start gate of this order is closed.</source>
            <translation>Die Startfreigabe dieses Auftrags fehlt.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/services/vault/service.py" line="42" />
            <source>This credential does not exist (any more).</source>
            <translation>Diese Zugangsangabe gibt es nicht (mehr).</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/services/vault/service.py" line="43" />
            <source>Only the order's assigned handler can open its credentials.</source>
            <translation>Nur die zugewiesene Bearbeiterin oder der zugewiesene Bearbeiter des Auftrags kann seine Zugangsdaten öffnen.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/services/vault/service.py" line="46" />
            <source>The order is yours, but a lead has not handed you its credentials yet. A lead's desk does that on its own within moments; ask a lead if it takes longer.</source>
            <translation>Der Auftrag gehört Ihnen, aber eine Teamleitung hat Ihnen die Zugangsdaten noch nicht übergeben. Der Desk einer Teamleitung erledigt das von selbst in wenigen Augenblicken; fragen Sie eine Teamleitung, wenn es länger dauert.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/services/vault/service.py" line="51" />
            <source>This credential cannot be decrypted with your key: it was changed in the database or is addressed to someone else. Please tell an admin.</source>
            <translation>Diese Zugangsangabe lässt sich mit Ihrem Schlüssel nicht entschlüsseln: Sie wurde in der Datenbank verändert oder ist für jemand anderen verschlüsselt. Bitte sagen Sie einem Admin Bescheid.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/services/vault/service.py" line="56" />
            <source>Only a lead hands over credentials.</source>
            <translation>Nur eine Teamleitung übergibt Zugangsdaten.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/services/vault/custodian.py" line="30" />
            <source>This desk holds no copy of the dispatch key, so it cannot hand over the credentials. A lead does that.</source>
            <translation>Dieser Desk hat keine Kopie des Verteilschlüssels und kann die Zugangsdaten deshalb nicht übergeben. Das macht eine Teamleitung.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/services/vault/custodian.py" line="35" />
            <source>The credentials of this order cannot be opened with the dispatch key. Please tell an admin; nothing was changed.</source>
            <translation>Die Zugangsdaten dieses Auftrags lassen sich mit dem Verteilschlüssel nicht öffnen. Bitte sagen Sie einem Admin Bescheid; es wurde nichts geändert.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/services/vault/rotation.py" line="30" />
            <source>There is no dispatch key yet: an admin creates one on the admin page.</source>
            <translation>Es gibt noch keinen Verteilschlüssel: Ein Admin legt ihn auf der Admin-Seite an.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/services/vault/rotation.py" line="35" />
            <source>The credentials of this order do not open with its data key: they were changed in the database. Nothing was changed; please tell an admin.</source>
            <translation>Die Zugangsdaten dieses Auftrags lassen sich mit seinem Datenschlüssel nicht öffnen: Sie wurden in der Datenbank verändert. Es wurde nichts geändert; bitte sagen Sie einem Admin Bescheid.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/services/trust.py" line="70" />
            <source>The keys of {name} are not certified by an admin, so nothing was encrypted to them. This is recorded in the audit log; please tell an admin.</source>
            <extracomment>admin → admin → … → pinned key; deeper chains are not ours</extracomment>
            <translation>Die Schlüssel von {name} sind von keinem Admin zertifiziert, deshalb wurde nichts für sie verschlüsselt. Das steht im Audit-Log; bitte sagen Sie einem Admin Bescheid.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/services/trust.py" line="85" />
            <source>No admin key is pinned on this workstation for this database, so the desk encrypts to nobody. IT pins one with “kcp-desk admin pin”.</source>
            <translation>Auf diesem Arbeitsplatz ist für diese Datenbank kein Admin-Schlüssel hinterlegt, deshalb verschlüsselt der Desk für niemanden. Die IT hinterlegt ihn mit „kcp-desk admin pin“.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/services/trust.py" line="101" />
            <source>No certified service key exists for the outbox channel {channel} yet, so nothing that carries a code was queued. IT creates one with “kcp-desk outbox keygen --channel {channel}”.</source>
            <translation>Für den Ausgangskanal {channel} gibt es noch keinen zertifizierten Dienstschlüssel, deshalb wurde nichts mit einem Code in den Postausgang gestellt. Die IT erstellt ihn mit „kcp-desk outbox keygen --channel {channel}“.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/services/admin.py" line="60" />
            <location filename="../../kcp_desk/services/outbox.py" line="63" />
            <source>Only an admin manages agents and keys.</source>
            <translation>Nur ein Admin verwaltet Mitarbeitende und Schlüssel.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/services/admin.py" line="61" />
            <source>This agent does not exist.</source>
            <translation>Diese Person gibt es nicht.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/services/admin.py" line="62" />
            <source>Someone else changed this agent in the meantime. Reload and try again.</source>
            <translation>Jemand anderes hat diese Person inzwischen geändert. Laden Sie neu und versuchen Sie es noch einmal.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/services/admin.py" line="65" />
            <source>You cannot disable your own account or change your own role.</source>
            <translation>Sie können Ihr eigenes Konto nicht sperren und Ihre eigene Rolle nicht ändern.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/services/admin.py" line="68" />
            <source>A user name is 2 to 64 lower-case letters, digits, dots or hyphens.</source>
            <translation>Ein Benutzername besteht aus 2 bis 64 Kleinbuchstaben, Ziffern, Punkten oder Bindestrichen.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/services/admin.py" line="71" />
            <source>The user name {name} is taken.</source>
            <translation>Den Benutzernamen {name} gibt es schon.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/services/admin.py" line="72" />
            <source>Please enter the name.</source>
            <translation>Bitte geben Sie den Namen ein.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/services/audit.py" line="57" />
            <source>The keys of this sign-in were replaced. Please sign in again.</source>
            <extracomment>Session.info key of the newest entry a transaction appended (for the witness)</extracomment>
            <translation>Die Schlüssel dieser Anmeldung wurden ersetzt. Bitte melden Sie sich neu an.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/services/vault/grants.py" line="53" />
            <source>The order changed hands in the meantime. Look again before you hand it over.</source>
            <extracomment>the ticket actions whose signed audit entry names the assignee afterwards an admin's disabling frees the agent's tickets (``admin._requeue``)</extracomment>
            <translation>Der Auftrag hat inzwischen die Hand gewechselt. Sehen Sie ihn noch einmal an, bevor Sie die Zugangsdaten übergeben.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/services/vault/grants.py" line="56" />
            <source>The audit log does not show this assignment, so the credentials are not handed over. Someone may have changed the database; please tell an admin.</source>
            <translation>Das Audit-Log zeigt diese Zuweisung nicht, deshalb werden die Zugangsdaten nicht übergeben. Vielleicht hat jemand die Datenbank verändert; bitte sagen Sie einem Admin Bescheid.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/services/vault/grants.py" line="61" />
            <source>This order's handler can already open its credentials, or it has none.</source>
            <translation>Die Bearbeitung dieses Auftrags kann die Zugangsdaten schon öffnen, oder es gibt keine.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/services/identity/confirmations.py" line="53" />
            <source>This link is not valid (unknown, already used, expired or withdrawn).</source>
            <extracomment>ID-6: after the new address confirmed itself, the portal's normal reset link follows</extracomment>
            <translation>Dieser Link ist nicht gültig (unbekannt, schon benutzt, abgelaufen oder zurückgezogen).</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/services/identity/confirmations.py" line="56" />
            <location filename="../../kcp_desk/services/identity/service.py" line="113" />
            <source>A letter code has 16 letters and digits (four groups of four).</source>
            <translation>Ein Brief-Code hat 16 Buchstaben und Ziffern (vier Vierergruppen).</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/services/identity/facts.py" line="59" />
            <source>This identity case does not exist.</source>
            <translation>Diesen Identitätsfall gibt es nicht.</translation>
        </message>
    </context>
    <context>
        <name>Keyring</name>
        <message>
            <location filename="../../kcp_desk/security/keyring_guard.py" line="41" />
            <source>the Windows Credential Manager</source>
            <translation>die Windows-Anmeldeinformationsverwaltung</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/security/keyring_guard.py" line="44" />
            <source>the desktop's Secret Service (GNOME Keyring, KWallet)</source>
            <translation>den Secret Service des Desktops (GNOME-Schlüsselbund, KWallet)</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/security/keyring_guard.py" line="47" />
            <source>the desktop's Secret Service (libsecret)</source>
            <translation>den Secret Service des Desktops (libsecret)</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/security/keyring_guard.py" line="50" />
            <source>KWallet</source>
            <translation>KWallet</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/security/keyring_guard.py" line="51" />
            <source>the macOS Keychain</source>
            <translation>den macOS-Schlüsselbund</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/security/keyring_guard.py" line="52" />
            <source>no keyring at all</source>
            <translation>gar kein Schlüsselbund</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/security/keyring_guard.py" line="53" />
            <source>a keyring that forgets</source>
            <translation>ein Schlüsselbund, der nichts behält</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/security/keyring_guard.py" line="54" />
            <source>a plaintext file (refused)</source>
            <translation>eine Klartextdatei (abgelehnt)</translation>
        </message>
    </context>
    <context>
        <name>LockScreen</name>
        <message>
            <location filename="../../kcp_desk/views/lock_screen.py" line="24" />
            <source>kcp-desk is locked</source>
            <translation>kcp-desk ist gesperrt</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/lock_screen.py" line="30" />
            <source>Signed in as {0}. Enter your passphrase to continue.</source>
            <translation>Angemeldet als {0}. Geben Sie Ihre Passphrase ein, um weiterzuarbeiten.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/lock_screen.py" line="41" />
            <source>Unlock</source>
            <translation>Entsperren</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/lock_screen.py" line="44" />
            <source>Sign out</source>
            <translation>Abmelden</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/lock_screen.py" line="94" />
            <source>{0} Type your passphrase again to unlock.</source>
            <translation>{0} Geben Sie Ihre Passphrase erneut ein, um zu entsperren.</translation>
        </message>
    </context>
    <context>
        <name>LoginWindow</name>
        <message>
            <location filename="../../kcp_desk/views/login_window.py" line="36" />
            <source>kcp-desk – Sign in</source>
            <extracomment>the user (or the countdown) asks to try the database again</extracomment>
            <translation>kcp-desk – Anmelden</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/login_window.py" line="39" />
            <source>kcp-desk</source>
            <translation>kcp-desk</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/login_window.py" line="45" />
            <source>Service desk – sign in with your personal passphrase</source>
            <translation>Service-Desk – melden Sie sich mit Ihrer persönlichen Passphrase an</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/login_window.py" line="49" />
            <source>e.g. anna</source>
            <translation>z. B. anna</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/login_window.py" line="62" />
            <source>Remember on this workstation</source>
            <translation>An diesem Arbeitsplatz merken</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/login_window.py" line="68" />
            <source>Sign in</source>
            <translation>Anmelden</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/login_window.py" line="79" />
            <source>Retry now</source>
            <translation>Jetzt erneut versuchen</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/login_window.py" line="88" />
            <source>Database: {0}</source>
            <translation>Datenbank: {0}</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/login_window.py" line="94" />
            <source>&amp;User name</source>
            <translation>&amp;Benutzername</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/login_window.py" line="95" />
            <source>&amp;Passphrase</source>
            <translation>&amp;Passphrase</translation>
        </message>
        <message numerus="yes">
            <location filename="../../kcp_desk/views/login_window.py" line="152" />
            <source>Trying again in %n seconds…</source>
            <translation>
                <numerusform>Neuer Versuch in %n Sekunde …</numerusform>
                <numerusform>Neuer Versuch in %n Sekunden …</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/login_window.py" line="188" />
            <source>Not available: this workstation has no secure keyring (found: {0}). Sign in with your passphrase each time.</source>
            <translation>Nicht verfügbar: Dieser Arbeitsplatz hat keinen sicheren Schlüsselbund (gefunden: {0}). Melden Sie sich jedes Mal mit Ihrer Passphrase an.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/login_window.py" line="194" />
            <source>A device key is kept in {0}.</source>
            <translation>Ein Geräteschlüssel wird in {0} aufbewahrt.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/login_window.py" line="200" />
            <source>Remembered here – leave empty to continue</source>
            <translation>Hier gemerkt – leer lassen, um fortzufahren</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/login_window.py" line="208" />
            <source>Please enter your user name.</source>
            <translation>Bitte geben Sie Ihren Benutzernamen ein.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/login_window.py" line="215" />
            <source>Unlocking your keys…</source>
            <translation>Ihre Schlüssel werden entsperrt …</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/login_window.py" line="229" />
            <source>This workstation no longer remembers you. Please enter your passphrase.</source>
            <translation>Dieser Arbeitsplatz kennt Sie nicht mehr. Bitte geben Sie Ihre Passphrase ein.</translation>
        </message>
    </context>
    <context>
        <name>MainWindow</name>
        <message>
            <location filename="../../kcp_desk/views/main_window.py" line="46" />
            <source>Agent</source>
            <translation>Servicemitarbeiter/in</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/main_window.py" line="47" />
            <source>Team lead</source>
            <translation>Teamleitung</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/main_window.py" line="48" />
            <source>Admin</source>
            <translation>Administration</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/main_window.py" line="110" />
            <source>Open a support order from its ticket or from the customer's Support orders tab.</source>
            <translation>Öffnen Sie einen Support-Auftrag über sein Ticket oder den Reiter „Support-Aufträge“ beim Kunden.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/main_window.py" line="122" />
            <source>For admins.</source>
            <translation>Für Admins.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/main_window.py" line="133" />
            <source>kcp-desk</source>
            <extracomment>the navigation row the open order came from (Back returns there) every editor of this window; asked before sign-out and closing (unsaved.py) the widget that had the focus when the desk locked; it gets it back</extracomment>
            <translation>kcp-desk</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/main_window.py" line="210" />
            <source>Customers</source>
            <translation>Kunden</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/main_window.py" line="211" />
            <source>Tickets</source>
            <translation>Tickets</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/main_window.py" line="108" />
            <location filename="../../kcp_desk/views/main_window.py" line="212" />
            <source>Support orders</source>
            <extracomment>"Desk → Settings…" was chosen (the app opens the settings dialog) every operation of this window's views passes it: held while locked (V-6) the credential rows of the order screen, the secret clipboard, a lead's grants</extracomment>
            <translation>Support-Aufträge</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/main_window.py" line="122" />
            <location filename="../../kcp_desk/views/main_window.py" line="214" />
            <source>Administration</source>
            <extracomment>agents, roles, keys, the dispatch key: the one page an admin works on (and the only one they see: no customer data for admins, SPEC §0)</extracomment>
            <translation>Verwaltung</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/main_window.py" line="213" />
            <location filename="../../kcp_desk/views/main_window.py" line="229" />
            <source>Approvals</source>
            <translation>Freigaben</translation>
        </message>
        <message numerus="yes">
            <location filename="../../kcp_desk/views/main_window.py" line="229" />
            <source>Approvals (%n)</source>
            <translation>
                <numerusform>Freigaben (%n)</numerusform>
                <numerusform>Freigaben (%n)</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../kcp_desk/views/main_window.py" line="282" />
            <source>%n support orders wait for you to hand over their credentials</source>
            <translation>
                <numerusform>%n Support-Auftrag wartet darauf, dass Sie die Zugangsdaten übergeben</numerusform>
                <numerusform>%n Support-Aufträge warten darauf, dass Sie die Zugangsdaten übergeben</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../kcp_desk/views/main_window.py" line="293" />
            <source>%n new tickets in My tickets: {0}</source>
            <translation>
                <numerusform>%n neues Ticket in Meine Tickets: {0}</numerusform>
                <numerusform>%n neue Tickets in Meine Tickets: {0}</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/main_window.py" line="321" />
            <source>&amp;Desk</source>
            <translation>&amp;Desk</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/main_window.py" line="323" />
            <source>&amp;Lock now</source>
            <translation>&amp;Jetzt sperren</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/main_window.py" line="327" />
            <source>&amp;Settings…</source>
            <translation>&amp;Einstellungen …</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/main_window.py" line="332" />
            <source>Sign &amp;out</source>
            <translation>&amp;Abmelden</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/main_window.py" line="334" />
            <source>&amp;Quit</source>
            <translation>&amp;Beenden</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/main_window.py" line="337" />
            <source>&amp;Find customer</source>
            <translation>Kunden &amp;suchen</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/main_window.py" line="348" />
            <source>&amp;Help</source>
            <translation>&amp;Hilfe</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/main_window.py" line="349" />
            <source>&amp;About kcp-desk</source>
            <translation>&amp;Über kcp-desk</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/main_window.py" line="356" />
            <source>{0} ({1}) – {2}</source>
            <translation>{0} ({1}) – {2}</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/main_window.py" line="387" />
            <source>Locked – your keys were removed from memory.</source>
            <translation>Gesperrt – Ihre Schlüssel wurden aus dem Speicher entfernt.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/main_window.py" line="448" />
            <source>About kcp-desk</source>
            <translation>Über kcp-desk</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/main_window.py" line="449" />
            <source>kcp-desk {0}
The desk of the service team.</source>
            <translation>kcp-desk {0}
Der Desk des Serviceteams.</translation>
        </message>
    </context>
    <context>
        <name>MandateText</name>
        <message>
            <location filename="../../kcp_desk/views/billing_glance.py" line="70" />
            <source>revoked on {0}</source>
            <extracomment>below this window height the glance starts folded (one summary line) from this panel width the facts stand in two columns</extracomment>
            <translation>widerrufen am {0}</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/billing_glance.py" line="75" />
            <source>expired on {0}</source>
            <translation>abgelaufen am {0}</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/billing_glance.py" line="78" />
            <source>active, valid until {0}</source>
            <translation>aktiv, gültig bis {0}</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/billing_glance.py" line="89" />
            <source>debits blocked</source>
            <translation>Lastschriften gesperrt</translation>
        </message>
    </context>
    <context>
        <name>Messages</name>
        <message>
            <location filename="../../kcp_desk/views/messages.py" line="43" />
            <source>Another program is writing to the database and did not finish in time.</source>
            <translation>Ein anderes Programm schreibt gerade in die Datenbank und wurde nicht rechtzeitig fertig.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/messages.py" line="50" />
            <source>The database did not answer in time.</source>
            <translation>Die Datenbank hat nicht rechtzeitig geantwortet.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/messages.py" line="54" />
            <source>The database accepts no changes right now (read-only).</source>
            <translation>Die Datenbank nimmt gerade keine Änderungen an (nur lesend).</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/messages.py" line="60" />
            <source>The disk holding the database is full.</source>
            <translation>Der Datenträger der Datenbank ist voll.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/messages.py" line="64" />
            <source>The database file is damaged or not a kcp-desk database.</source>
            <translation>Die Datenbankdatei ist beschädigt oder keine kcp-desk-Datenbank.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/messages.py" line="70" />
            <source>The database file was deleted or replaced.</source>
            <translation>Die Datenbankdatei wurde gelöscht oder ersetzt.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/messages.py" line="74" />
            <source>The database cannot be reached.</source>
            <translation>Die Datenbank ist nicht erreichbar.</translation>
        </message>
    </context>
    <context>
        <name>NameChangeDialog</name>
        <message>
            <location filename="../../kcp_desk/views/name_change.py" line="63" />
            <source>Request a name change</source>
            <translation>Namensänderung beantragen</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/name_change.py" line="68" />
            <source>The new name takes effect when a team lead approves it. Link the ticket in which the customer asked for it (with the proof, e.g. a register extract).</source>
            <translation>Der neue Name gilt, sobald eine Teamleitung ihn freigibt. Verknüpfen Sie das Ticket, in dem der Kunde ihn beantragt hat (mit Nachweis, z. B. Registerauszug).</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/name_change.py" line="75" />
            <source>Ticket</source>
            <translation>Ticket</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/name_change.py" line="76" />
            <source>#KCP-… (pick one of the customer's open tickets)</source>
            <translation>#KCP-… (eines der offenen Tickets des Kunden wählen)</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/name_change.py" line="92" />
            <source>First name</source>
            <translation>Vorname</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/name_change.py" line="93" />
            <source>Last name</source>
            <translation>Nachname</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/name_change.py" line="94" />
            <source>Company</source>
            <translation>Firma</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/name_change.py" line="95" />
            <source>Legal form</source>
            <translation>Rechtsform</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/name_change.py" line="96" />
            <source>Reason</source>
            <translation>Begründung</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/name_change.py" line="107" />
            <source>Submit for approval</source>
            <translation>Zur Freigabe einreichen</translation>
        </message>
    </context>
    <context>
        <name>NewAgentDialog</name>
        <message>
            <location filename="../../kcp_desk/views/admin_dialogs.py" line="153" />
            <source>New agent</source>
            <translation>Mitarbeiter/in anlegen</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/admin_dialogs.py" line="156" />
            <source>The new agent signs in with the initial passphrase. Their keys are made now and certified with your key.</source>
            <translation>Die Schlüssel der neuen Person werden jetzt erzeugt und mit Ihrem Schlüssel zertifiziert. Sie meldet sich mit der Start-Passphrase an.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/admin_dialogs.py" line="160" />
            <source>User name</source>
            <translation>Benutzername</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/admin_dialogs.py" line="161" />
            <source>Name</source>
            <translation>Name</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/admin_dialogs.py" line="166" />
            <source>Role</source>
            <translation>Rolle</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/admin_dialogs.py" line="170" />
            <source>Create</source>
            <translation>Anlegen</translation>
        </message>
    </context>
    <context>
        <name>OrderView</name>
        <message>
            <location filename="../../kcp_desk/views/order_view.py" line="108" />
            <source>← Back</source>
            <extracomment>builds the widget of one credential (by name) in the Credentials group the state badge's colour by state this desk changed the order (lists read again) an order was loaded (or reloaded): the lead wires the credential widgets to it a lead hands the credentials to the handler: (order id, the handler shown) the time table's columns (order, names, access) the credential rows were made for the time-entry dialog while it is open (tests fill it)</extracomment>
            <translation>← Zurück</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/order_view.py" line="136" />
            <source>Start review</source>
            <extracomment>a refused change, said here without a dialog</extracomment>
            <translation>Prüfung beginnen</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/order_view.py" line="137" />
            <source>Query the customer</source>
            <translation>Rückfrage stellen</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/order_view.py" line="138" />
            <source>Ask for cost approval</source>
            <translation>Kostenfreigabe anfordern</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/order_view.py" line="139" />
            <source>Approve</source>
            <translation>Freigeben</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/order_view.py" line="140" />
            <source>Start work</source>
            <translation>Arbeit beginnen</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/order_view.py" line="141" />
            <source>Mark done</source>
            <translation>Als erledigt markieren</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/order_view.py" line="142" />
            <source>Reject</source>
            <translation>Ablehnen</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/order_view.py" line="143" />
            <source>Cancel order</source>
            <translation>Auftrag stornieren</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/order_view.py" line="151" />
            <source>Bill</source>
            <translation>Abrechnen</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/order_view.py" line="164" />
            <source>Order</source>
            <translation>Auftrag</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/order_view.py" line="175" />
            <source>Consents</source>
            <translation>Einwilligungen</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/order_view.py" line="181" />
            <source>Cost acknowledgement</source>
            <translation>Kostenbestätigung</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/order_view.py" line="187" />
            <source>Start gate</source>
            <translation>Startfreigabe</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/order_view.py" line="198" />
            <source>Credentials</source>
            <extracomment>one label per condition key, as shown now (tests read them)</extracomment>
            <translation>Zugangsdaten</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/order_view.py" line="212" />
            <location filename="../../kcp_desk/views/order_view.py" line="237" />
            <source>Billing</source>
            <translation>Abrechnung</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/order_view.py" line="217" />
            <source>Time entries</source>
            <translation>Zeiteinträge</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/order_view.py" line="221" />
            <location filename="../../kcp_desk/views/order_view.py" line="588" />
            <source>Start clock</source>
            <translation>Zeit starten</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/order_view.py" line="225" />
            <source>Add time…</source>
            <translation>Zeit nachtragen …</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/order_view.py" line="233" />
            <source>Agent</source>
            <translation>Servicemitarbeiter/in</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/order_view.py" line="234" />
            <source>Start</source>
            <translation>Beginn</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/order_view.py" line="235" />
            <source>End</source>
            <translation>Ende</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/order_view.py" line="236" />
            <source>Minutes</source>
            <translation>Minuten</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/order_view.py" line="238" />
            <source>Note</source>
            <translation>Notiz</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/order_view.py" line="361" />
            <source>Ticket {0}</source>
            <translation>Ticket {0}</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/order_view.py" line="381" />
            <source>Server: {0}</source>
            <translation>Server: {0}</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/order_view.py" line="382" />
            <source>Handler: {0}</source>
            <translation>Bearbeiter: {0}</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/order_view.py" line="382" />
            <source>nobody</source>
            <translation>niemand</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/order_view.py" line="383" />
            <source>Placed by: {0}</source>
            <translation>Erteilt von: {0}</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/order_view.py" line="384" />
            <source>the main account</source>
            <translation>das Hauptkonto</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/order_view.py" line="386" />
            <source>Received {0}</source>
            <translation>Eingegangen {0}</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/order_view.py" line="399" />
            <source>The start gate is closed: {0}</source>
            <translation>Die Startfreigabe fehlt: {0}</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/order_view.py" line="405" />
            <source>Category</source>
            <translation>Kategorie</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/order_view.py" line="406" />
            <source>Product</source>
            <translation>Produkt</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/order_view.py" line="407" />
            <source>Server</source>
            <translation>Server</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/order_view.py" line="408" />
            <source>State</source>
            <translation>Status</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/order_view.py" line="423" />
            <source>Standard configuration assumed</source>
            <translation>Standardkonfiguration vorausgesetzt</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/order_view.py" line="424" />
            <source>Credentials may be passed to vendors (e.g. Plesk)</source>
            <translation>Zugangsdaten dürfen an Hersteller weitergegeben werden (z. B. Plesk)</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/order_view.py" line="425" />
            <source>Software updates allowed</source>
            <translation>Software-Updates erlaubt</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/order_view.py" line="426" />
            <source>Access to the server granted</source>
            <translation>Zugriff auf den Server erlaubt</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/order_view.py" line="427" />
            <source>A current backup exists</source>
            <translation>Ein aktuelles Backup ist vorhanden</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/order_view.py" line="436" />
            <source>wording {0}, {1}, by {2}</source>
            <translation>Fassung {0}, {1}, von {2}</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/order_view.py" line="448" />
            <source>not given</source>
            <translation>nicht erteilt</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/order_view.py" line="457" />
            <source>Package</source>
            <translation>Paket</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/order_view.py" line="459" />
            <source>Catalogue task</source>
            <translation>Katalogleistung</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/order_view.py" line="461" />
            <source>Fixed price</source>
            <translation>Festpreis</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/order_view.py" line="466" />
            <source>Rate</source>
            <translation>Preis</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/order_view.py" line="467" />
            <source>{0} per started 15 minutes</source>
            <translation>{0} je angefangene 15 Minuten</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/order_view.py" line="474" />
            <source>Estimate</source>
            <translation>Schätzung</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/order_view.py" line="475" />
            <source>{0} min</source>
            <translation>{0} Min.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/order_view.py" line="477" />
            <source>none</source>
            <translation>keine</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/order_view.py" line="482" />
            <source>Acknowledged</source>
            <translation>Bestätigt</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/order_view.py" line="483" />
            <source>not yet</source>
            <translation>noch nicht</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/order_view.py" line="498" />
            <source>Consents complete</source>
            <translation>Einwilligungen vollständig</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/order_view.py" line="499" />
            <source>Backup assured</source>
            <translation>Backup gesichert</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/order_view.py" line="500" />
            <source>Cost acknowledged and within the estimate</source>
            <translation>Kosten bestätigt und im Rahmen der Schätzung</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/order_view.py" line="501" />
            <source>Placed by an authorised account</source>
            <translation>Von einem berechtigten Konto erteilt</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/order_view.py" line="502" />
            <source>No arrears that block the work</source>
            <translation>Kein Zahlungsrückstand, der die Arbeit sperrt</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/order_view.py" line="536" />
            <source>Open: the work may start.</source>
            <translation>Offen: Die Arbeit darf beginnen.</translation>
        </message>
        <message numerus="yes">
            <location filename="../../kcp_desk/views/order_view.py" line="540" />
            <source>Closed: %n conditions not met.</source>
            <translation>
                <numerusform>Gesperrt: %n Bedingung nicht erfüllt.</numerusform>
                <numerusform>Gesperrt: %n Bedingungen nicht erfüllt.</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/order_view.py" line="546" />
            <source>Billable: {0} min (billed as {1} min)</source>
            <translation>Abrechenbar: {0} Min. (berechnet als {1} Min.)</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/order_view.py" line="549" />
            <source>Included in the package: {0} min</source>
            <translation>Im Paket enthalten: {0} Min.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/order_view.py" line="552" />
            <source>Estimate: {0} min</source>
            <translation>Schätzung: {0} Min.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/order_view.py" line="553" />
            <source>So far: {0}</source>
            <translation>Bisher: {0}</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/order_view.py" line="559" />
            <source>⚠ {0} min over the acknowledged estimate</source>
            <translation>⚠ {0} Min. über der bestätigten Schätzung</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/order_view.py" line="570" />
            <source>running</source>
            <translation>läuft</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/order_view.py" line="579" />
            <source>billable</source>
            <translation>abrechenbar</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/order_view.py" line="579" />
            <source>included</source>
            <translation>im Paket</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/order_view.py" line="588" />
            <source>Stop clock</source>
            <translation>Zeit stoppen</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/order_view.py" line="600" />
            <source>Billed on invoice {0}.</source>
            <translation>Abgerechnet mit Rechnung {0}.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/order_view.py" line="602" />
            <source>Billed without an invoice: all time was included in the package.</source>
            <translation>Ohne Rechnung abgerechnet: Die ganze Zeit war im Paket enthalten.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/order_view.py" line="604" />
            <source>Done, not billed yet: “Bill” writes the invoice.</source>
            <translation>Erledigt, noch nicht abgerechnet: „Abrechnen“ erstellt die Rechnung.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/order_view.py" line="606" />
            <source>Billed when the order is done.</source>
            <translation>Abgerechnet wird, wenn der Auftrag erledigt ist.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/order_view.py" line="611" />
            <source>You handle this order: you can open these credentials.</source>
            <translation>Sie bearbeiten diesen Auftrag: Sie können diese Zugangsdaten öffnen.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/order_view.py" line="614" />
            <source>A lead grants you access to these credentials when the order is assigned to you.</source>
            <translation>Eine Teamleitung gibt Ihnen Zugriff auf diese Zugangsdaten, wenn Ihnen der Auftrag zugewiesen ist.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/order_view.py" line="617" />
            <source>Only the assigned handler can open these credentials.</source>
            <translation>Nur wer den Auftrag bearbeitet, kann diese Zugangsdaten öffnen.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/order_view.py" line="619" />
            <source>No credentials: the customer gave none, or they were deleted when the order ended.</source>
            <translation>Keine Zugangsdaten: Der Kunde hat keine angegeben, oder sie wurden gelöscht, als der Auftrag endete.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/order_view.py" line="655" />
            <source>Hand the credentials to {0}</source>
            <translation>Zugangsdaten an {0} übergeben</translation>
        </message>
    </context>
    <context>
        <name>PaymentMethodDialog</name>
        <message>
            <location filename="../../kcp_desk/views/payment_method_dialog.py" line="51" />
            <source>Change payment method</source>
            <translation>Zahlungsart ändern</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/payment_method_dialog.py" line="57" />
            <source>Payment method</source>
            <translation>Zahlungsart</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/payment_method_dialog.py" line="60" />
            <source>Account holder</source>
            <translation>Kontoinhaber</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/payment_method_dialog.py" line="61" />
            <source>IBAN</source>
            <translation>IBAN</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/payment_method_dialog.py" line="62" />
            <source>BIC (optional)</source>
            <translation>BIC (optional)</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/payment_method_dialog.py" line="63" />
            <source>Mandate signed at</source>
            <translation>Mandat unterschrieben in</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/payment_method_dialog.py" line="64" />
            <source>Reason</source>
            <translation>Begründung</translation>
        </message>
    </context>
    <context>
        <name>ReassignDialog</name>
        <message>
            <location filename="../../kcp_desk/views/ticket_dialogs.py" line="161" />
            <source>Reassign {0}</source>
            <translation>{0} neu zuweisen</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/ticket_dialogs.py" line="162" />
            <source>nobody</source>
            <translation>niemandem</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/ticket_dialogs.py" line="163" />
            <source>Now with: {0}. The reason goes into the audit log.</source>
            <translation>Liegt jetzt bei: {0}. Der Grund wird im Audit-Protokoll festgehalten.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/ticket_dialogs.py" line="165" />
            <source>Why (required)</source>
            <translation>Warum (Pflichtangabe)</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/ticket_dialogs.py" line="166" />
            <source>Reassign</source>
            <translation>Neu zuweisen</translation>
        </message>
    </context>
    <context>
        <name>ResetKeysDialog</name>
        <message>
            <location filename="../../kcp_desk/views/admin_dialogs.py" line="204" />
            <source>Reset keys of {0}</source>
            <translation>Schlüssel von {0} zurücksetzen</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/admin_dialogs.py" line="206" />
            <source>{0} gets new keys and signs in with the initial passphrase. Workstations that remembered {0} forget it, and access to credentials is granted again by a lead's desk.</source>
            <translation>{0} erhält neue Schlüssel und meldet sich mit der Start-Passphrase an. Arbeitsplätze, die sich {0} gemerkt haben, vergessen das; den Zugriff auf Zugangsdaten gewährt der Desk einer Teamleitung neu.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/admin_dialogs.py" line="211" />
            <source>The dispatch key is rotated.</source>
            <translation>Der Verteilschlüssel wird erneuert.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/admin_dialogs.py" line="214" />
            <source>Reset keys</source>
            <translation>Schlüssel zurücksetzen</translation>
        </message>
    </context>
    <context>
        <name>ReturnCode</name>
        <message>
            <location filename="../../kcp_desk/domain/sepa.py" line="238" />
            <source>Account identifier incorrect</source>
            <translation>Kontokennung fehlerhaft</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/domain/sepa.py" line="240" />
            <source>Account closed</source>
            <translation>Konto erloschen</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/domain/sepa.py" line="241" />
            <source>Account blocked</source>
            <translation>Konto gesperrt</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/domain/sepa.py" line="244" />
            <source>Debtor account is a consumer account</source>
            <translation>Konto des Zahlers ist ein Verbraucherkonto</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/domain/sepa.py" line="249" />
            <source>Direct debit not allowed on this account</source>
            <translation>Lastschrift auf diesem Konto nicht zulässig</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/domain/sepa.py" line="254" />
            <source>Invalid transaction code or file format</source>
            <translation>Ungültiger Transaktionscode oder Dateiformat</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/domain/sepa.py" line="258" />
            <source>Insufficient funds</source>
            <translation>Keine Deckung</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/domain/sepa.py" line="261" />
            <source>Duplicate collection</source>
            <translation>Doppelter Einzug</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/domain/sepa.py" line="265" />
            <source>Creditor identifier incorrect</source>
            <translation>Gläubiger-ID fehlerhaft</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/domain/sepa.py" line="269" />
            <source>Invalid file format</source>
            <translation>Ungültiges Dateiformat</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/domain/sepa.py" line="272" />
            <source>No valid mandate</source>
            <translation>Kein gültiges Mandat</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/domain/sepa.py" line="276" />
            <source>Mandate data missing or incorrect</source>
            <translation>Mandatsdaten fehlen oder sind fehlerhaft</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/domain/sepa.py" line="281" />
            <source>Refund requested by the payer (objection)</source>
            <translation>Erstattung durch den Zahler verlangt (Widerspruch)</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/domain/sepa.py" line="285" />
            <source>Debtor deceased</source>
            <translation>Zahler verstorben</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/domain/sepa.py" line="289" />
            <source>Refused by the payer</source>
            <translation>Vom Zahler abgelehnt</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/domain/sepa.py" line="293" />
            <source>Reason not specified</source>
            <translation>Ohne Angabe von Gründen</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/domain/sepa.py" line="295" />
            <source>BIC incorrect</source>
            <translation>BIC fehlerhaft</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/domain/sepa.py" line="298" />
            <source>Regulatory reason: debtor data missing</source>
            <translation>Regulatorischer Grund: Angaben zum Zahler fehlen</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/domain/sepa.py" line="303" />
            <source>Refused by a service of the debtor's bank</source>
            <translation>Von einem Dienst der Bank des Zahlers abgelehnt</translation>
        </message>
    </context>
    <context>
        <name>SettingsDialog</name>
        <message>
            <location filename="../../kcp_desk/views/settings_dialog.py" line="33" />
            <source>Settings</source>
            <translation>Einstellungen</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/settings_dialog.py" line="41" />
            <source>System default ({0})</source>
            <translation>Systemvorgabe ({0})</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/settings_dialog.py" line="47" />
            <source>A new language applies when the desk starts again.</source>
            <translation>Eine neue Sprache gilt, sobald kcp-desk neu gestartet wird.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/settings_dialog.py" line="55" />
            <source>&amp;Language</source>
            <translation>&amp;Sprache</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/settings_dialog.py" line="80" />
            <source>The settings could not be saved: {0}</source>
            <translation>Die Einstellungen konnten nicht gespeichert werden: {0}</translation>
        </message>
    </context>
    <context>
        <name>StartPage</name>
        <message>
            <location filename="../../kcp_desk/views/identity_start.py" line="56" />
            <source>How was the caller found?</source>
            <translation>Wie wurde der Anrufer gefunden?</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/identity_start.py" line="59" />
            <source>These details only find the customer's record: they prove nothing, however many of them match. A detail that does not match is recorded as a reasonable doubt. Ask only what you need; leave the rest at “not asked”.</source>
            <translation>Diese Angaben finden nur den Kundendatensatz: Sie beweisen nichts, wie viele auch stimmen. Eine Angabe, die nicht stimmt, wird als begründeter Zweifel festgehalten. Fragen Sie nur, was Sie brauchen; der Rest bleibt bei „nicht gefragt“.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/identity_start.py" line="68" />
            <source>Does the caller still have access to the mailbox {0}?</source>
            <translation>Hat der Anrufer noch Zugang zum Postfach {0}?</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/identity_start.py" line="72" />
            <source>Yes, they can still read it</source>
            <translation>Ja, er kann es noch lesen</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/identity_start.py" line="74" />
            <source>No</source>
            <translation>Nein</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/identity_start.py" line="87" />
            <source>Anything odd about the call? (optional)</source>
            <translation>Ist Ihnen am Anruf etwas aufgefallen? (optional)</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/identity_start.py" line="91" />
            <source>e.g. hesitated over the address, calls from an unknown number</source>
            <translation>z. B. zögerte bei der Adresse, ruft von unbekannter Nummer an</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/identity_start.py" line="119" />
            <source>matches</source>
            <extracomment>a refusal of the whole start (e.g. the database is gone)</extracomment>
            <translation>stimmt</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/identity_start.py" line="119" />
            <source>does not match</source>
            <translation>stimmt nicht</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/identity_start.py" line="119" />
            <source>not asked</source>
            <translation>nicht gefragt</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/identity_start.py" line="150" />
            <source>Please ask whether the caller can still read this mailbox.</source>
            <extracomment>per knowledge item, its three choices</extracomment>
            <translation>Bitte fragen Sie, ob der Anrufer dieses Postfach noch lesen kann.</translation>
        </message>
    </context>
    <context>
        <name>TicketQueueView</name>
        <message>
            <location filename="../../kcp_desk/views/ticket_queue_view.py" line="79" />
            <source>Filter by subject</source>
            <extracomment>a typed filter waits this long for the next key before the database is asked the total with the current filters (the page shows it in the queue's tab)</extracomment>
            <translation>Nach Betreff filtern</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/ticket_queue_view.py" line="83" />
            <source>All states</source>
            <translation>Alle Status</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/ticket_queue_view.py" line="87" />
            <source>All priorities</source>
            <translation>Alle Prioritäten</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/ticket_queue_view.py" line="91" />
            <location filename="../../kcp_desk/views/ticket_queue_view.py" line="165" />
            <source>All agents</source>
            <translation>Alle Mitarbeiter</translation>
        </message>
        <message numerus="yes">
            <location filename="../../kcp_desk/views/ticket_queue_view.py" line="234" />
            <source>%n tickets</source>
            <translation>
                <numerusform>%n Ticket</numerusform>
                <numerusform>%n Tickets</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/ticket_queue_view.py" line="245" />
            <source>No ticket matches these filters.</source>
            <translation>Kein Ticket passt zu diesen Filtern.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/ticket_queue_view.py" line="248" />
            <source>You have no open tickets. Unassigned tickets wait in the next tab.</source>
            <translation>Sie haben keine offenen Tickets. Nicht zugewiesene warten im nächsten Reiter.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/ticket_queue_view.py" line="250" />
            <source>Every ticket has someone working on it.</source>
            <translation>Jedes Ticket hat jemanden, der es bearbeitet.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/ticket_queue_view.py" line="251" />
            <source>The team has no open tickets.</source>
            <translation>Das Team hat keine offenen Tickets.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/ticket_queue_view.py" line="252" />
            <source>No closed tickets yet.</source>
            <translation>Noch keine geschlossenen Tickets.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/ticket_queue_view.py" line="253" />
            <source>This customer has no tickets.</source>
            <translation>Dieser Kunde hat keine Tickets.</translation>
        </message>
    </context>
    <context>
        <name>TicketView</name>
        <message>
            <location filename="../../kcp_desk/views/ticket_view.py" line="120" />
            <source>← Queue</source>
            <extracomment>this desk changed the ticket (the queues read again) a linked support order was clicked (its id)</extracomment>
            <translation>← Liste</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/ticket_view.py" line="144" />
            <source>Claim</source>
            <extracomment>"already taken by …", a refused change, a closed ticket: said here, no dialog</extracomment>
            <translation>Übernehmen</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/ticket_view.py" line="147" />
            <source>Release</source>
            <translation>Freigeben</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/ticket_view.py" line="150" />
            <source>Hand over…</source>
            <translation>Übergeben…</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/ticket_view.py" line="153" />
            <source>Reassign…</source>
            <translation>Neu zuweisen…</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/ticket_view.py" line="159" />
            <source>Mark open</source>
            <translation>Auf offen setzen</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/ticket_view.py" line="160" />
            <source>Pending customer</source>
            <translation>Wartet auf Kunden</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/ticket_view.py" line="161" />
            <source>Close ticket</source>
            <translation>Ticket schließen</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/ticket_view.py" line="189" />
            <source>Support orders</source>
            <translation>Support-Aufträge</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/ticket_view.py" line="198" />
            <source>This ticket is closed and in the archive: read only. A message from the customer reopens it.</source>
            <translation>Dieses Ticket ist geschlossen und im Archiv: nur lesbar. Eine Nachricht des Kunden öffnet es wieder.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/ticket_view.py" line="207" />
            <location filename="../../kcp_desk/views/ticket_view.py" line="500" />
            <source>Reply to the customer</source>
            <translation>Antwort an den Kunden</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/ticket_view.py" line="209" />
            <source>Internal note</source>
            <translation>Interne Notiz</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/ticket_view.py" line="221" />
            <location filename="../../kcp_desk/views/ticket_view.py" line="502" />
            <source>Send reply</source>
            <translation>Antwort senden</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/ticket_view.py" line="334" />
            <source>State: {0}</source>
            <extracomment>asked before a reply that looks like it holds a secret is sent (tests answer it)</extracomment>
            <translation>Status: {0}</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/ticket_view.py" line="335" />
            <source>Priority: {0}</source>
            <translation>Priorität: {0}</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/ticket_view.py" line="336" />
            <source>Assignee: {0}</source>
            <translation>Bearbeiter: {0}</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/ticket_view.py" line="336" />
            <source>nobody</source>
            <translation>niemand</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/ticket_view.py" line="337" />
            <source>Created {0}</source>
            <translation>Erstellt {0}</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/ticket_view.py" line="344" />
            <source>⚠ overdue since {0}</source>
            <translation>⚠ überfällig seit {0}</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/ticket_view.py" line="348" />
            <source>First response due {0}</source>
            <translation>Erste Antwort fällig {0}</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/ticket_view.py" line="350" />
            <source>Resolution due {0}</source>
            <translation>Lösung fällig {0}</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/ticket_view.py" line="352" />
            <source>the resolution clock is stopped</source>
            <translation>die Lösungsfrist ist angehalten</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/ticket_view.py" line="354" />
            <source>Closed {0}</source>
            <translation>Geschlossen {0}</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/ticket_view.py" line="370" />
            <source>No support order is linked to this ticket.</source>
            <translation>Mit diesem Ticket ist kein Support-Auftrag verknüpft.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/ticket_view.py" line="498" />
            <source>Internal note for colleagues – the customer does not see it</source>
            <translation>Interne Notiz für Kollegen – der Kunde sieht sie nicht</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/ticket_view.py" line="502" />
            <source>Save note</source>
            <translation>Notiz speichern</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/ticket_view.py" line="554" />
            <source>Send this reply?</source>
            <translation>Diese Antwort senden?</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/ticket_view.py" line="555" />
            <source>This reply looks like it contains a password or a key.</source>
            <translation>Diese Antwort sieht aus, als enthielte sie ein Passwort oder einen Schlüssel.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/ticket_view.py" line="558" />
            <source>The customer will read it in the portal and by e-mail. Credentials belong in a support order's vault, never in a reply.</source>
            <translation>Der Kunde liest sie im Kundenportal und per E-Mail. Zugangsdaten gehören in den Tresor eines Support-Auftrags, nie in eine Antwort.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/ticket_view.py" line="562" />
            <source>Edit reply</source>
            <translation>Antwort bearbeiten</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/ticket_view.py" line="563" />
            <source>Send anyway</source>
            <translation>Trotzdem senden</translation>
        </message>
    </context>
    <context>
        <name>TicketsPage</name>
        <message>
            <location filename="../../kcp_desk/views/tickets_page.py" line="126" />
            <source>Workload</source>
            <extracomment>references of tickets that appeared in My tickets by someone else's hand (T-7)</extracomment>
            <translation>Auslastung</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/tickets_page.py" line="205" />
            <source>My tickets</source>
            <extracomment>opened queues that changed while another tab was in front</extracomment>
            <translation>Meine Tickets</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/tickets_page.py" line="206" />
            <source>Unassigned</source>
            <translation>Nicht zugewiesen</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/tickets_page.py" line="207" />
            <source>Team</source>
            <translation>Team</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/tickets_page.py" line="208" />
            <source>Archive</source>
            <translation>Archiv</translation>
        </message>
    </context>
    <context>
        <name>TimeEntryDialog</name>
        <message>
            <location filename="../../kcp_desk/views/order_dialogs.py" line="51" />
            <source>Add time – {0}</source>
            <translation>Zeit nachtragen – {0}</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/order_dialogs.py" line="63" />
            <source>yyyy-MM-dd HH:mm</source>
            <translation>dd.MM.yyyy HH:mm</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/order_dialogs.py" line="64" />
            <source>Included in the package (not invoiced)</source>
            <translation>Im Paket enthalten (wird nicht berechnet)</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/order_dialogs.py" line="70" />
            <source>The server has no Systems-Management package to include time in.</source>
            <translation>Der Server hat kein Systems-Management-Paket, in dem Zeit enthalten sein könnte.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/order_dialogs.py" line="79" />
            <source>Start</source>
            <translation>Beginn</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/order_dialogs.py" line="80" />
            <source>End</source>
            <translation>Ende</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/order_dialogs.py" line="81" />
            <source>Billing</source>
            <translation>Abrechnung</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/order_dialogs.py" line="82" />
            <source>Note</source>
            <translation>Notiz</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/order_dialogs.py" line="103" />
            <source>Add time</source>
            <extracomment>an error without a field of this form (permission, stale, database)</extracomment>
            <translation>Zeit nachtragen</translation>
        </message>
    </context>
    <context>
        <name>Value</name>
        <message>
            <location filename="../../kcp_desk/views/formatting.py" line="99" />
            <source>new</source>
            <translation>neu</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/formatting.py" line="100" />
            <source>open</source>
            <translation>offen</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/formatting.py" line="101" />
            <source>pending customer</source>
            <translation>wartet auf Kunden</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/formatting.py" line="102" />
            <source>closed</source>
            <translation>geschlossen</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/formatting.py" line="103" />
            <source>overdue</source>
            <translation>überfällig</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/formatting.py" line="104" />
            <source>partly paid</source>
            <translation>teilweise bezahlt</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/formatting.py" line="105" />
            <source>paid</source>
            <translation>bezahlt</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/formatting.py" line="106" />
            <source>cancelled</source>
            <translation>storniert</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/formatting.py" line="107" />
            <source>credited</source>
            <translation>gutgeschrieben</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/formatting.py" line="108" />
            <source>returned debit</source>
            <translation>Rücklastschrift</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/formatting.py" line="109" />
            <source>low</source>
            <translation>niedrig</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/formatting.py" line="110" />
            <source>normal</source>
            <translation>normal</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/formatting.py" line="111" />
            <source>high</source>
            <translation>hoch</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/formatting.py" line="112" />
            <source>urgent</source>
            <translation>dringend</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/formatting.py" line="113" />
            <source>received</source>
            <translation>eingegangen</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/formatting.py" line="114" />
            <source>in review</source>
            <translation>in Prüfung</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/formatting.py" line="115" />
            <source>query</source>
            <translation>Rückfrage</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/formatting.py" line="116" />
            <source>cost approval</source>
            <translation>Kostenfreigabe</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/formatting.py" line="117" />
            <source>approved</source>
            <translation>freigegeben</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/formatting.py" line="118" />
            <source>in progress</source>
            <translation>in Arbeit</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/formatting.py" line="119" />
            <source>done</source>
            <translation>erledigt</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/formatting.py" line="120" />
            <source>billed</source>
            <translation>abgerechnet</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/formatting.py" line="121" />
            <source>rejected</source>
            <translation>abgelehnt</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/formatting.py" line="122" />
            <source>web hosting</source>
            <translation>Webhosting</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/formatting.py" line="123" />
            <source>vServer</source>
            <translation>vServer</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/formatting.py" line="124" />
            <source>dedicated server</source>
            <translation>Dedicated Server</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/formatting.py" line="125" />
            <source>domain</source>
            <translation>Domain</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/formatting.py" line="126" />
            <source>managed server</source>
            <translation>Managed Server</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/formatting.py" line="127" />
            <source>none</source>
            <translation>keins</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/formatting.py" line="128" />
            <source>Basic</source>
            <translation>Basic</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/formatting.py" line="129" />
            <source>Pro</source>
            <translation>Pro</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/formatting.py" line="130" />
            <source>Premium</source>
            <translation>Premium</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/formatting.py" line="131" />
            <source>person</source>
            <translation>Privatperson</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/formatting.py" line="132" />
            <source>company</source>
            <translation>Firma</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/formatting.py" line="133" />
            <source>phone password</source>
            <translation>Telefonpasswort</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/formatting.py" line="134" />
            <source>letter code</source>
            <translation>Briefcode</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/formatting.py" line="135" />
            <source>SMS code</source>
            <translation>SMS-Code</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/formatting.py" line="136" />
            <source>identity document</source>
            <translation>Ausweisdokument</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/formatting.py" line="137" />
            <source>pending</source>
            <translation>offen</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/formatting.py" line="138" />
            <source>payment reminder</source>
            <translation>Zahlungserinnerung</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/formatting.py" line="139" />
            <source>1st dunning letter</source>
            <translation>1. Mahnung</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/formatting.py" line="140" />
            <source>2nd dunning letter</source>
            <translation>2. Mahnung</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/formatting.py" line="141" />
            <source>final notice</source>
            <translation>letzte Mahnung</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/formatting.py" line="142" />
            <source>termination</source>
            <translation>Kündigung</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/formatting.py" line="143" />
            <source>debt collection</source>
            <translation>Inkasso</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/formatting.py" line="144" />
            <source>SEPA direct debit</source>
            <translation>SEPA-Lastschrift</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/formatting.py" line="145" />
            <source>bank transfer</source>
            <translation>Überweisung</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/formatting.py" line="146" />
            <source>credit card</source>
            <translation>Kreditkarte</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/formatting.py" line="147" />
            <source>PayPal</source>
            <translation>PayPal</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/formatting.py" line="148" />
            <source>active</source>
            <translation>aktiv</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/formatting.py" line="149" />
            <source>revoked</source>
            <translation>widerrufen</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/formatting.py" line="150" />
            <source>expired</source>
            <translation>abgelaufen</translation>
        </message>
    </context>
    <context>
        <name>WorkloadView</name>
        <message>
            <location filename="../../kcp_desk/views/tickets_page.py" line="46" />
            <source>Agent</source>
            <translation>Mitarbeiter</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/tickets_page.py" line="47" />
            <source>Open tickets</source>
            <translation>Offene Tickets</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/tickets_page.py" line="48" />
            <source>Past SLA</source>
            <translation>SLA überschritten</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/tickets_page.py" line="49" />
            <source>Oldest waiting</source>
            <translation>Wartet am längsten</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/tickets_page.py" line="63" />
            <source>Click an agent to open their tickets.</source>
            <translation>Klicken Sie auf einen Mitarbeiter, um seine Tickets zu öffnen.</translation>
        </message>
    </context>
    <context>
        <name>_ColleagueDialog</name>
        <message>
            <location filename="../../kcp_desk/views/ticket_dialogs.py" line="61" />
            <source>Colleague</source>
            <translation>Kollege/Kollegin</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/ticket_dialogs.py" line="63" />
            <source>Reason</source>
            <translation>Grund</translation>
        </message>
    </context>
    <context>
        <name>_ListTab</name>
        <message>
            <location filename="../../kcp_desk/views/customer_view.py" line="114" />
            <source>Showing the newest {0} of {1}.</source>
            <translation>Die neuesten {0} von {1}.</translation>
        </message>
    </context>
    <context>
        <name>_Message</name>
        <message>
            <location filename="../../kcp_desk/views/ticket_view.py" line="93" />
            <source>Customer message · {0} · {1}</source>
            <extracomment>text into the rich-text labels (facts, customer link, orders): nothing is markup the grounds and edges of the three kinds of message</extracomment>
            <translation>Nachricht des Kunden · {0} · {1}</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/ticket_view.py" line="95" />
            <source>Reply to the customer · {0} · {1}</source>
            <translation>Antwort an den Kunden · {0} · {1}</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/ticket_view.py" line="96" />
            <source>Internal note – the customer does not see this · {0} · {1}</source>
            <translation>Interne Notiz – der Kunde sieht das nicht · {0} · {1}</translation>
        </message>
    </context>
    <context>
        <name>_OrdersGoAlong</name>
        <message numerus="yes">
            <location filename="../../kcp_desk/views/ticket_dialogs.py" line="124" />
            <source>The credentials of %n support orders go along: they are encrypted anew for the colleague, and the previous handler can no longer open them.</source>
            <translation>
                <numerusform>Die Zugangsdaten von %n Support-Auftrag gehen mit: Sie werden für die Kollegin oder den Kollegen neu verschlüsselt, und die bisherige Bearbeitung kann sie nicht mehr öffnen.</numerusform>
                <numerusform>Die Zugangsdaten von %n Support-Aufträgen gehen mit: Sie werden für die Kollegin oder den Kollegen neu verschlüsselt, und die bisherige Bearbeitung kann sie nicht mehr öffnen.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>_PassphraseDialog</name>
        <message>
            <location filename="../../kcp_desk/views/admin_dialogs.py" line="91" />
            <source>Initial passphrase</source>
            <extracomment>the overview the service returned after the change an operation is in flight (the buttons are disabled meanwhile)</extracomment>
            <translation>Start-Passphrase</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/admin_dialogs.py" line="92" />
            <source>Passphrase again</source>
            <translation>Passphrase wiederholen</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/admin_dialogs.py" line="100" />
            <source>At least {0} characters. Hand it over in person, never by e-mail or ticket; it is not shown again.</source>
            <translation>Mindestens {0} Zeichen. Persönlich übergeben, nie per E-Mail oder Ticket; sie wird nicht wieder angezeigt.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/admin_dialogs.py" line="115" />
            <source>The two passphrases differ.</source>
            <translation>Die beiden Passphrasen stimmen nicht überein.</translation>
        </message>
    </context>
    <context>
        <name>_Texts</name>
        <message>
            <location filename="../../kcp_desk/views/ticket_queue_model.py" line="97" />
            <source>Ticket</source>
            <extracomment>rows fetched by id in one round trip rows kept in the cache (a few screens) rows painted by the first operation, before the row→id map is read the columns, left to right; each sorts in SQL</extracomment>
            <translation>Ticket</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/ticket_queue_model.py" line="98" />
            <source>Customer</source>
            <translation>Kunde</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/ticket_queue_model.py" line="99" />
            <source>Subject</source>
            <translation>Betreff</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/ticket_queue_model.py" line="100" />
            <source>State</source>
            <translation>Status</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/ticket_queue_model.py" line="101" />
            <source>Priority</source>
            <translation>Priorität</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/ticket_queue_model.py" line="102" />
            <source>Assignee</source>
            <translation>Bearbeiter</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/ticket_queue_model.py" line="103" />
            <source>Age</source>
            <translation>Alter</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/ticket_queue_model.py" line="104" />
            <source>SLA due</source>
            <translation>SLA fällig</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/ticket_queue_model.py" line="109" />
            <source>{0} min</source>
            <translation>{0} Min.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/ticket_queue_model.py" line="111" />
            <source>{0} h</source>
            <translation>{0} Std.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/ticket_queue_model.py" line="112" />
            <source>{0} d</source>
            <translation>{0} T.</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/ticket_queue_model.py" line="115" />
            <source>overdue since {0}</source>
            <translation>überfällig seit {0}</translation>
        </message>
        <message>
            <location filename="../../kcp_desk/views/ticket_queue_model.py" line="118" />
            <source>unassigned</source>
            <translation>nicht zugewiesen</translation>
        </message>
    </context>
</TS>
