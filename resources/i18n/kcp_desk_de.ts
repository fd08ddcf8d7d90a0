<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>ApprovalsPage</name>
    <message>
        <location filename="../../kcp_desk/views/name_change.py" line="129"/>
        <source>Pending approvals</source>
        <translation>Offene Freigaben</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/name_change.py" line="136"/>
        <source>Customer</source>
        <translation>Kunde</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/name_change.py" line="138"/>
        <source>Current name</source>
        <translation>Aktueller Name</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/name_change.py" line="147"/>
        <source>New name</source>
        <translation>Neuer Name</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/name_change.py" line="152"/>
        <source>Ticket</source>
        <translation>Ticket</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/name_change.py" line="153"/>
        <source>Requested by</source>
        <translation>Beantragt von</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/name_change.py" line="154"/>
        <source>Requested</source>
        <translation>Beantragt am</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/name_change.py" line="155"/>
        <source>Reason</source>
        <translation>Begründung</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/name_change.py" line="168"/>
        <source>Reason for your decision (required)</source>
        <translation>Begründung Ihrer Entscheidung (Pflicht)</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/name_change.py" line="169"/>
        <source>Approve</source>
        <translation>Freigeben</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/name_change.py" line="171"/>
        <source>Reject</source>
        <translation>Ablehnen</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/name_change.py" line="212"/>
        <source>Another team lead must decide this request (four-eyes).</source>
        <translation>Eine andere Teamleitung muss diesen Antrag entscheiden (Vier-Augen-Prinzip).</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/name_change.py" line="214"/>
        <source>A team lead decides this request.</source>
        <translation>Über diesen Antrag entscheidet eine Teamleitung.</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/name_change.py" line="236"/>
        <source>Decision saved.</source>
        <translation>Entscheidung gespeichert.</translation>
    </message>
</context>
<context>
    <name>Badges</name>
    <message>
        <location filename="../../kcp_desk/views/customer_search.py" line="64"/>
        <source>blocked</source>
        <translation>gesperrt</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/customer_search.py" line="66"/>
        <source>in arrears</source>
        <translation>im Zahlungsrückstand</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/customer_search.py" line="69"/>
        <source>1 open ticket</source>
        <translation>1 offenes Ticket</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/customer_search.py" line="71"/>
        <source>{0} open tickets</source>
        <translation>{0} offene Tickets</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/customer_search.py" line="76"/>
        <source>debit returned</source>
        <translation>Rücklastschrift</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/customer_search.py" line="78"/>
        <source>phone password locked</source>
        <translation>Telefonpasswort gesperrt</translation>
    </message>
</context>
<context>
    <name>BillingTab</name>
    <message>
        <location filename="../../kcp_desk/views/billing_tab.py" line="459"/>
        <source>Change payment method…</source>
        <translation>Zahlungsart ändern …</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/billing_tab.py" line="467"/>
        <source>Try again</source>
        <translation>Erneut versuchen</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/billing_tab.py" line="471"/>
        <source>Loading…</source>
        <translation>Wird geladen …</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/billing_tab.py" line="487"/>
        <source>Print…</source>
        <translation>Drucken …</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/billing_tab.py" line="488"/>
        <source>Save as PDF…</source>
        <translation>Als PDF speichern …</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/billing_tab.py" line="489"/>
        <source>Cancel invoice…</source>
        <translation>Rechnung stornieren …</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/billing_tab.py" line="491"/>
        <source>Creates a cancellation invoice; the issued invoice stays as it is.</source>
        <translation>Erstellt eine Stornorechnung; die ausgestellte Rechnung bleibt unverändert.</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/billing_tab.py" line="518"/>
        <source>Reference</source>
        <translation>Referenz</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/billing_tab.py" line="519"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/billing_tab.py" line="520"/>
        <source>Holder</source>
        <translation>Kontoinhaber</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/billing_tab.py" line="521"/>
        <source>IBAN</source>
        <translation>IBAN</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/billing_tab.py" line="522"/>
        <source>BIC</source>
        <translation>BIC</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/billing_tab.py" line="523"/>
        <source>Signed</source>
        <translation>Unterschrieben</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/billing_tab.py" line="525"/>
        <source>Type</source>
        <translation>Art</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/billing_tab.py" line="528"/>
        <source>recurring</source>
        <translation>wiederkehrend</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/billing_tab.py" line="528"/>
        <source>one-off</source>
        <translation>einmalig</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/billing_tab.py" line="532"/>
        <source>First / last collection</source>
        <translation>Erster / letzter Einzug</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/billing_tab.py" line="538"/>
        <source>Valid until</source>
        <translation>Gültig bis</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/billing_tab.py" line="540"/>
        <source>Debits</source>
        <translation>Lastschriften</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/billing_tab.py" line="541"/>
        <source>blocked</source>
        <translation>gesperrt</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/billing_tab.py" line="541"/>
        <source>allowed</source>
        <translation>erlaubt</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/billing_tab.py" line="543"/>
        <source>Creditor id</source>
        <translation>Gläubiger-ID</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/billing_tab.py" line="549"/>
        <source>Returned</source>
        <translation>Zurückgegeben</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/billing_tab.py" line="550"/>
        <location filename="../../kcp_desk/views/billing_tab.py" line="561"/>
        <source>Invoice</source>
        <translation>Rechnung</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/billing_tab.py" line="551"/>
        <source>Amount</source>
        <translation>Betrag</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/billing_tab.py" line="552"/>
        <source>Code</source>
        <translation>Code</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/billing_tab.py" line="553"/>
        <location filename="../../kcp_desk/views/billing_tab.py" line="587"/>
        <source>Reason</source>
        <translation>Begründung</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/billing_tab.py" line="554"/>
        <source>Fee</source>
        <translation>Gebühr</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/billing_tab.py" line="555"/>
        <source>Effect</source>
        <translation>Folge</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/billing_tab.py" line="562"/>
        <source>Due</source>
        <translation>Fällig</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/billing_tab.py" line="563"/>
        <source>Open</source>
        <translation>Offen</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/billing_tab.py" line="574"/>
        <source>Steps (date, fee, pay by)</source>
        <translation>Stufen (Datum, Gebühr, zahlbar bis)</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/billing_tab.py" line="793"/>
        <source>The payment method was not changed. {0}</source>
        <translation>Die Zahlungsart wurde nicht geändert. {0}</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/billing_tab.py" line="565"/>
        <source>Next step</source>
        <translation>Nächster Schritt</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/billing_tab.py" line="567"/>
        <source>{0} on {1}</source>
        <translation>{0} am {1}</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/billing_tab.py" line="580"/>
        <source>When</source>
        <translation>Wann</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/billing_tab.py" line="581"/>
        <source>Agent</source>
        <translation>Servicemitarbeiter/in</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/billing_tab.py" line="583"/>
        <source>Change</source>
        <translation>Änderung</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/billing_tab.py" line="586"/>
        <source>Detail</source>
        <translation>Detail</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/billing_tab.py" line="592"/>
        <source>Invoices</source>
        <translation>Rechnungen</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/billing_tab.py" line="593"/>
        <source>SEPA mandates</source>
        <translation>SEPA-Mandate</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/billing_tab.py" line="594"/>
        <source>Returned debits</source>
        <translation>Rücklastschriften</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/billing_tab.py" line="595"/>
        <source>Dunning</source>
        <translation>Mahnwesen</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/billing_tab.py" line="596"/>
        <source>Payment changes</source>
        <translation>Zahlungsänderungen</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/billing_tab.py" line="613"/>
        <source>objection – debits blocked</source>
        <translation>Widerspruch – Lastschriften gesperrt</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/billing_tab.py" line="615"/>
        <source>mandate invalid</source>
        <translation>Mandat ungültig</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/billing_tab.py" line="616"/>
        <source>invoice open again</source>
        <translation>Rechnung wieder offen</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/billing_tab.py" line="737"/>
        <source>Save invoice as PDF</source>
        <translation>Rechnung als PDF speichern</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/billing_tab.py" line="741"/>
        <source>Saved {0}.</source>
        <translation>{0} gespeichert.</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/billing_tab.py" line="748"/>
        <source>Cancel invoice {0}</source>
        <translation>Rechnung {0} stornieren</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/billing_tab.py" line="749"/>
        <source>Reason for the cancellation (printed on the cancellation invoice):</source>
        <translation>Grund der Stornierung (steht auf der Stornorechnung):</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/billing_tab.py" line="763"/>
        <source>Cancellation invoice {0} created.</source>
        <translation>Stornorechnung {0} erstellt.</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/billing_tab.py" line="786"/>
        <source>Payment method saved.</source>
        <translation>Zahlungsart gespeichert.</translation>
    </message>
</context>
<context>
    <name>CallerVerificationDialog</name>
    <message>
        <location filename="../../kcp_desk/views/caller_dialog.py" line="45"/>
        <source>Verify caller – {0}</source>
        <extracomment>a check was answered (also after the lock closed the dialog while it ran)</extracomment>
        <translation>Anrufer prüfen – {0}</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/caller_dialog.py" line="50"/>
        <source>Ask the caller for their phone password and type it here. The desk only says whether it matches; it never shows the stored password.</source>
        <translation>Fragen Sie den Anrufer nach seinem Telefonpasswort und tippen Sie es hier ein. Der Desk sagt nur, ob es passt; das gespeicherte Passwort zeigt er nie.</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/caller_dialog.py" line="64"/>
        <source>Check</source>
        <translation>Prüfen</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/caller_dialog.py" line="98"/>
        <source>✔ Matches – the caller knows the phone password.</source>
        <translation>✔ Stimmt – der Anrufer kennt das Telefonpasswort.</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/caller_dialog.py" line="102"/>
        <source>This customer has no phone password.</source>
        <translation>Dieser Kunde hat kein Telefonpasswort.</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/caller_dialog.py" line="106"/>
        <source>The phone password is locked until {0} after too many wrong tries. Use another factor.</source>
        <translation>Das Telefonpasswort ist nach zu vielen Fehlversuchen bis {0} gesperrt. Nutzen Sie einen anderen Faktor.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../kcp_desk/views/caller_dialog.py" line="115"/>
        <source>✘ Does not match. %n more wrong try(s) lock the phone password.</source>
        <translation>
            <numerusform>✘ Stimmt nicht. Noch %n Fehlversuch sperrt das Telefonpasswort.</numerusform>
            <numerusform>✘ Stimmt nicht. Noch %n Fehlversuche sperren das Telefonpasswort.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/caller_dialog.py" line="130"/>
        <source>{0} The password was not checked. Ask the caller to say it again, then check once more.</source>
        <translation>{0} Das Passwort wurde nicht geprüft. Bitten Sie den Anrufer, es noch einmal zu nennen, und prüfen Sie erneut.</translation>
    </message>
</context>
<context>
    <name>ContactForm</name>
    <message>
        <location filename="../../kcp_desk/views/contact_form.py" line="35"/>
        <source>Salutation</source>
        <translation>Anrede</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/contact_form.py" line="36"/>
        <source>E-mail</source>
        <translation>E-Mail</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/contact_form.py" line="37"/>
        <source>Phone</source>
        <translation>Telefon</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/contact_form.py" line="38"/>
        <source>Mobile</source>
        <translation>Mobil</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/contact_form.py" line="39"/>
        <source>Date of birth</source>
        <translation>Geburtsdatum</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/contact_form.py" line="40"/>
        <source>Street</source>
        <translation>Straße</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/contact_form.py" line="41"/>
        <source>House number</source>
        <translation>Hausnummer</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/contact_form.py" line="42"/>
        <source>Postcode</source>
        <translation>PLZ</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/contact_form.py" line="43"/>
        <source>City</source>
        <translation>Ort</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/contact_form.py" line="44"/>
        <source>Country</source>
        <translation>Land</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/contact_form.py" line="84"/>
        <source>Request name change…</source>
        <extracomment>&quot;Reload and keep my input&quot; loaded the customer anew (the form merged it already)</extracomment>
        <translation>Namensänderung beantragen …</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/contact_form.py" line="86"/>
        <source>Name and company change only through a request a team lead approves.</source>
        <translation>Name und Firma ändern sich nur über einen Antrag, den eine Teamleitung freigibt.</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/contact_form.py" line="94"/>
        <source>Name / company</source>
        <translation>Name / Firma</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/contact_form.py" line="101"/>
        <source>E-mail verified</source>
        <translation>E-Mail bestätigt</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/contact_form.py" line="103"/>
        <source>Phone password</source>
        <translation>Telefonpasswort</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/contact_form.py" line="107"/>
        <source>optional, e.g. “customer called, moved”</source>
        <translation>optional, z. B. „Kunde rief an, umgezogen“</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/contact_form.py" line="108"/>
        <source>Reason for the change</source>
        <translation>Grund der Änderung</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/contact_form.py" line="111"/>
        <source>Edit</source>
        <translation>Bearbeiten</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/contact_form.py" line="113"/>
        <source>Save</source>
        <translation>Speichern</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/contact_form.py" line="116"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/contact_form.py" line="122"/>
        <source>Reload and keep my input</source>
        <translation>Neu laden, Eingaben behalten</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/contact_form.py" line="126"/>
        <source>Loads what was saved meanwhile; your typed text stays, and each field a colleague changed shows their value.</source>
        <translation>Lädt, was inzwischen gespeichert wurde; Ihr getippter Text bleibt, und jedes Feld, das jemand anderes geändert hat, zeigt dessen Wert.</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/contact_form.py" line="164"/>
        <source>– name change pending approval</source>
        <translation>– Namensänderung wartet auf Freigabe</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/contact_form.py" line="169"/>
        <source>not set</source>
        <translation>nicht gesetzt</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/contact_form.py" line="172"/>
        <source>set – locked until {0}</source>
        <translation>gesetzt – gesperrt bis {0}</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/contact_form.py" line="178"/>
        <source>set since {0}</source>
        <translation>gesetzt seit {0}</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/contact_form.py" line="238"/>
        <source>Saved.</source>
        <translation>Gespeichert.</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/contact_form.py" line="269"/>
        <source>Reloaded. Fields a colleague changed meanwhile are marked below; your input is kept. Save to apply it.</source>
        <translation>Neu geladen. Felder, die inzwischen jemand anderes geändert hat, sind unten markiert; Ihre Eingaben bleiben erhalten. Speichern Sie, um sie zu übernehmen.</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/contact_form.py" line="274"/>
        <source>Reloaded; nobody changed these fields meanwhile. Save to apply your input.</source>
        <translation>Neu geladen; niemand hat diese Felder inzwischen geändert. Speichern Sie, um Ihre Eingaben zu übernehmen.</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/contact_form.py" line="298"/>
        <location filename="../../kcp_desk/views/contact_form.py" line="301"/>
        <source>(empty)</source>
        <translation>(leer)</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/contact_form.py" line="303"/>
        <source>Changed meanwhile by a colleague (was: {0}).</source>
        <translation>Inzwischen von jemand anderem geändert (vorher: {0}).</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/contact_form.py" line="307"/>
        <source>Saved meanwhile by a colleague: {0}</source>
        <translation>Inzwischen von jemand anderem gespeichert: {0}</translation>
    </message>
</context>
<context>
    <name>CrashDialog</name>
    <message>
        <location filename="../../kcp_desk/views/crash_dialog.py" line="31"/>
        <source>kcp-desk – unexpected error</source>
        <translation>kcp-desk – unerwarteter Fehler</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/crash_dialog.py" line="33"/>
        <source>Something went wrong that should not have. Your work in other windows is kept. Please send the log file to IT.</source>
        <translation>Etwas ist schiefgegangen, das nicht hätte passieren dürfen. Ihre Arbeit in anderen Fenstern bleibt erhalten. Bitte senden Sie die Protokolldatei an die IT.</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/crash_dialog.py" line="40"/>
        <source>Log file: {0}</source>
        <translation>Protokolldatei: {0}</translation>
    </message>
</context>
<context>
    <name>CustomerSearch</name>
    <message>
        <location filename="../../kcp_desk/services/search.py" line="183"/>
        <source>customer number {detail}</source>
        <extracomment>the largest page a caller may ask for substring search needs this many typed characters (and one word this long) PostgreSQL: rows a text search looks at before it asks the index (see ``_pg_text``) words of a query that are searched; the rest is ignored (``SearchResult.words_ignored``) characters of a query that are searched (whole words; the longest stored field, an e-mail address, has 254) characters of a paste that are looked at at all; words after them are only counted English source texts (Qt Linguist context &quot;CustomerSearch&quot;); ``{detail}`` is ``CustomerHit.match_detail``: the reference, number or address that matched.</extracomment>
        <translation>Kundennummer {detail}</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/services/search.py" line="184"/>
        <source>invoice {detail}</source>
        <translation>Rechnung {detail}</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/services/search.py" line="185"/>
        <source>ticket {detail}</source>
        <translation>Ticket {detail}</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/services/search.py" line="186"/>
        <source>support order {detail}</source>
        <translation>Support-Auftrag {detail}</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/services/search.py" line="187"/>
        <source>SEPA mandate {detail}</source>
        <translation>SEPA-Mandat {detail}</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/services/search.py" line="188"/>
        <source>phone {detail}</source>
        <translation>Telefon {detail}</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/services/search.py" line="189"/>
        <source>e-mail {detail}</source>
        <translation>E-Mail {detail}</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/services/search.py" line="190"/>
        <source>domain {detail}</source>
        <translation>Domain {detail}</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/services/search.py" line="191"/>
        <source>server {detail}</source>
        <translation>Server {detail}</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/services/search.py" line="193"/>
        <source>IP address {detail}</source>
        <extracomment>``{detail}``: the server&apos;s address, or its subnet that holds the address searched</extracomment>
        <translation>IP-Adresse {detail}</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/services/search.py" line="194"/>
        <source>subnet {detail}</source>
        <translation>Subnetz {detail}</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/services/search.py" line="195"/>
        <source>postcode {detail}</source>
        <translation>PLZ {detail}</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/services/search.py" line="196"/>
        <source>name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/services/search.py" line="197"/>
        <source>company</source>
        <translation>Firma</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/services/search.py" line="198"/>
        <source>city</source>
        <translation>Ort</translation>
    </message>
</context>
<context>
    <name>CustomerSearchView</name>
    <message>
        <location filename="../../kcp_desk/views/customer_search.py" line="146"/>
        <source>Customer number, name, e-mail, phone, postcode, domain, RE-/#KCP-/SA- reference or mandate</source>
        <extracomment>PostgreSQL: the pause in typing after which the search runs PostgreSQL: a burst of keystrokes starts one search when typing pauses more matches than shown, and the service would give more (lazy loading)</extracomment>
        <translation>Kundennummer, Name, E-Mail, Telefon, PLZ, Domain, RE-/#KCP-/SA-Nummer oder Mandat</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/customer_search.py" line="160"/>
        <source>Number</source>
        <translation>Nummer</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/customer_search.py" line="161"/>
        <source>Name / company</source>
        <translation>Name / Firma</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/customer_search.py" line="162"/>
        <source>E-mail</source>
        <translation>E-Mail</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/customer_search.py" line="163"/>
        <source>City</source>
        <translation>Ort</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/customer_search.py" line="165"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/customer_search.py" line="177"/>
        <source>Found by</source>
        <translation>Gefunden über</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/customer_search.py" line="282"/>
        <source>No customer found.</source>
        <translation>Kein Kunde gefunden.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../kcp_desk/views/customer_search.py" line="292"/>
        <source>Only the first %n word(s) are searched.</source>
        <translation>
            <numerusform>Nur das erste Wort wird gesucht.</numerusform>
            <numerusform>Nur die ersten %n Wörter werden gesucht.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/customer_search.py" line="299"/>
        <source>Showing the best {0} matches – scroll for more, or type more.</source>
        <translation>Die besten {0} Treffer – scrollen Sie für weitere oder tippen Sie weiter.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../kcp_desk/views/customer_search.py" line="304"/>
        <source>%n customer(s) found.</source>
        <translation>
            <numerusform>%n Kunde gefunden.</numerusform>
            <numerusform>%n Kunden gefunden.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CustomerView</name>
    <message>
        <location filename="../../kcp_desk/views/customer_view.py" line="102"/>
        <source>← Results</source>
        <translation>← Ergebnisse</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/customer_view.py" line="103"/>
        <source>Back to the search results (Esc)</source>
        <translation>Zurück zu den Suchergebnissen (Esc)</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/customer_view.py" line="118"/>
        <source>Verify caller…</source>
        <translation>Anrufer prüfen …</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/customer_view.py" line="144"/>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/customer_view.py" line="145"/>
        <location filename="../../kcp_desk/views/customer_view.py" line="169"/>
        <source>Product</source>
        <translation>Produkt</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/customer_view.py" line="146"/>
        <source>Domain / server</source>
        <translation>Domain / Server</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/customer_view.py" line="147"/>
        <source>Systems management</source>
        <translation>Systems-Management</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/customer_view.py" line="148"/>
        <source>Since</source>
        <translation>Seit</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/customer_view.py" line="149"/>
        <location filename="../../kcp_desk/views/customer_view.py" line="183"/>
        <source>Active</source>
        <translation>Aktiv</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/customer_view.py" line="159"/>
        <location filename="../../kcp_desk/views/customer_view.py" line="171"/>
        <source>State</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/customer_view.py" line="157"/>
        <location filename="../../kcp_desk/views/customer_view.py" line="168"/>
        <source>Ticket</source>
        <translation>Ticket</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/customer_view.py" line="158"/>
        <source>Subject</source>
        <translation>Betreff</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/customer_view.py" line="160"/>
        <source>Priority</source>
        <translation>Priorität</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/customer_view.py" line="161"/>
        <location filename="../../kcp_desk/views/customer_view.py" line="172"/>
        <source>Assignee</source>
        <translation>Bearbeiter/in</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/customer_view.py" line="162"/>
        <source>Created</source>
        <translation>Erstellt</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/customer_view.py" line="167"/>
        <source>Order</source>
        <translation>Auftrag</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/customer_view.py" line="170"/>
        <source>Category</source>
        <translation>Kategorie</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/customer_view.py" line="177"/>
        <source>Login</source>
        <translation>Login</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/customer_view.py" line="178"/>
        <source>E-mail</source>
        <translation>E-Mail</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/customer_view.py" line="179"/>
        <source>Invoices</source>
        <translation>Rechnungen</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/customer_view.py" line="180"/>
        <location filename="../../kcp_desk/views/customer_view.py" line="201"/>
        <source>Tickets</source>
        <translation>Tickets</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/customer_view.py" line="181"/>
        <source>Orders</source>
        <translation>Aufträge</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/customer_view.py" line="182"/>
        <source>Contacts</source>
        <translation>Kontakte</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/customer_view.py" line="188"/>
        <source>When</source>
        <translation>Wann</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/customer_view.py" line="189"/>
        <source>Field</source>
        <translation>Feld</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/customer_view.py" line="190"/>
        <source>Old → new</source>
        <translation>Alt → neu</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/customer_view.py" line="191"/>
        <source>Agent</source>
        <translation>Servicemitarbeiter/in</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/customer_view.py" line="192"/>
        <source>Reason</source>
        <translation>Begründung</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/customer_view.py" line="198"/>
        <source>Contact data</source>
        <translation>Kontaktdaten</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/customer_view.py" line="199"/>
        <source>Products</source>
        <translation>Produkte</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/customer_view.py" line="200"/>
        <source>Invoices &amp;&amp; payment</source>
        <translation>Rechnungen &amp;&amp; Zahlung</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/customer_view.py" line="202"/>
        <source>Support orders</source>
        <translation>Support-Aufträge</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/customer_view.py" line="203"/>
        <source>Additional accounts</source>
        <translation>Zusatzkonten</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/customer_view.py" line="204"/>
        <source>History</source>
        <translation>Verlauf</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/customer_view.py" line="235"/>
        <source>Customer since {0}</source>
        <translation>Kunde seit {0}</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/customer_view.py" line="265"/>
        <source>dunning: {0}</source>
        <translation>Mahnstufe: {0}</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/customer_view.py" line="270"/>
        <source>debit returned ({0})</source>
        <translation>Rücklastschrift ({0})</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/customer_view.py" line="283"/>
        <source>Caller not verified</source>
        <translation>Anrufer nicht geprüft</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/customer_view.py" line="285"/>
        <source>matched</source>
        <translation>stimmte</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/customer_view.py" line="285"/>
        <source>did not match</source>
        <translation>stimmte nicht</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/customer_view.py" line="287"/>
        <source>Last check: {0} {1} at {2} by {3}</source>
        <translation>Letzte Prüfung: {0} {1} am {2} durch {3}</translation>
    </message>
</context>
<context>
    <name>DeskApp</name>
    <message>
        <location filename="../../kcp_desk/app.py" line="127"/>
        <source>Preparing the database…</source>
        <translation>Datenbank wird vorbereitet …</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/app.py" line="134"/>
        <source>Creating demo data…</source>
        <translation>Demodaten werden angelegt …</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/app.py" line="143"/>
        <source>This database has no agents yet. Start with --demo for the demo database, or ask an admin to create your account.</source>
        <translation>Diese Datenbank hat noch keine Mitarbeitenden. Starten Sie mit --demo für die Demodatenbank oder lassen Sie Ihr Konto von der Administration anlegen.</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/app.py" line="170"/>
        <source>This workstation now remembers you; the device key is in {0}.</source>
        <translation>Dieser Arbeitsplatz merkt sich Sie jetzt; der Geräteschlüssel liegt in {0}.</translation>
    </message>
</context>
<context>
    <name>Format</name>
    <message>
        <location filename="../../kcp_desk/views/formatting.py" line="64"/>
        <source>yes</source>
        <translation>ja</translation>
    </message>
</context>
<context>
    <name>GlancePanel</name>
    <message>
        <location filename="../../kcp_desk/views/billing_tab.py" line="77"/>
        <source>Total open</source>
        <translation>Offen gesamt</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/billing_tab.py" line="78"/>
        <source>Overdue since</source>
        <translation>Überfällig seit</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/billing_tab.py" line="79"/>
        <source>Dunning level</source>
        <translation>Mahnstufe</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/billing_tab.py" line="80"/>
        <source>Next step</source>
        <translation>Nächster Schritt</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/billing_tab.py" line="81"/>
        <source>Services</source>
        <translation>Leistungen</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/billing_tab.py" line="82"/>
        <source>Last payment</source>
        <translation>Letzte Zahlung</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/billing_tab.py" line="83"/>
        <source>Last direct debit</source>
        <translation>Letzte Lastschrift</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/billing_tab.py" line="84"/>
        <source>Returns (12 months)</source>
        <translation>Rücklastschriften (12 Monate)</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/billing_tab.py" line="85"/>
        <source>SEPA mandate</source>
        <translation>SEPA-Mandat</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/billing_tab.py" line="86"/>
        <source>Payment method</source>
        <translation>Zahlungsart</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/billing_tab.py" line="87"/>
        <source>Credit balance</source>
        <translation>Guthaben</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/billing_tab.py" line="110"/>
        <source>In arrears: {0} overdue</source>
        <translation>Im Zahlungsrückstand: {0} überfällig</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/billing_tab.py" line="113"/>
        <source>In good standing – nothing overdue</source>
        <translation>Alles bezahlt – nichts überfällig</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/billing_tab.py" line="117"/>
        <source>{0} on {1} invoice(s)</source>
        <translation>{0} auf {1} Rechnung(en)</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/billing_tab.py" line="118"/>
        <source> + {0} fees</source>
        <translation> + {0} Gebühren</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/billing_tab.py" line="120"/>
        <source>nothing open</source>
        <translation>nichts offen</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/billing_tab.py" line="123"/>
        <source>{0} ({1} days)</source>
        <translation>{0} ({1} Tage)</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/billing_tab.py" line="130"/>
        <source>{0} on {1} ({2})</source>
        <translation>{0} am {1} ({2})</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/billing_tab.py" line="138"/>
        <source>blocked</source>
        <translation>gesperrt</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/billing_tab.py" line="138"/>
        <source>active</source>
        <translation>aktiv</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/billing_tab.py" line="151"/>
        <source>returned {0}: {1} {2}</source>
        <translation>zurückgegeben {0}: {1} {2}</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/billing_tab.py" line="157"/>
        <source>collected {0}</source>
        <translation>eingezogen {0}</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/billing_tab.py" line="161"/>
        <source>{0}: {1}, valid until {2}</source>
        <translation>{0}: {1}, gültig bis {2}</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/billing_tab.py" line="165"/>
        <source>debits blocked</source>
        <translation>Lastschriften gesperrt</translation>
    </message>
</context>
<context>
    <name>InvoiceDocument</name>
    <message>
        <location filename="../../kcp_desk/views/invoice_document.py" line="31"/>
        <source>Cancellation invoice</source>
        <translation>Stornorechnung</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/invoice_document.py" line="32"/>
        <source>Invoice</source>
        <translation>Rechnung</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/invoice_document.py" line="33"/>
        <source>VAT {0} on {1}</source>
        <translation>USt. {0} auf {1}</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/invoice_document.py" line="34"/>
        <source>The amount is collected by SEPA direct debit (mandate reference {0}, creditor identifier {1}) on or after {2}.</source>
        <translation>Der Betrag wird per SEPA-Lastschrift (Mandatsreferenz {0}, Gläubiger-ID {1}) am oder nach dem {2} eingezogen.</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/invoice_document.py" line="39"/>
        <source>The amount is credited to your customer account.</source>
        <translation>Der Betrag wird Ihrem Kundenkonto gutgeschrieben.</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/invoice_document.py" line="42"/>
        <source>Payable without deduction within {0} days, by {1}.</source>
        <translation>Zahlbar ohne Abzug innerhalb von {0} Tagen, bis {1}.</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/invoice_document.py" line="45"/>
        <source>This invoice cancels invoice {0} of {1}.</source>
        <translation>Diese Rechnung storniert die Rechnung {0} vom {1}.</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/invoice_document.py" line="48"/>
        <source>Cancelled by {0}.</source>
        <translation>Storniert durch {0}.</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/invoice_document.py" line="49"/>
        <source>Customer number</source>
        <translation>Kundennummer</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/invoice_document.py" line="50"/>
        <source>Invoice number</source>
        <translation>Rechnungsnummer</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/invoice_document.py" line="51"/>
        <source>Invoice date</source>
        <translation>Rechnungsdatum</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/invoice_document.py" line="52"/>
        <source>Date of service: the invoice date, periods as stated.</source>
        <translation>Leistungsdatum: Rechnungsdatum, Zeiträume wie angegeben.</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/invoice_document.py" line="55"/>
        <source>Pos.</source>
        <translation>Pos.</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/invoice_document.py" line="56"/>
        <source>Description</source>
        <translation>Beschreibung</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/invoice_document.py" line="57"/>
        <source>Qty</source>
        <translation>Menge</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/invoice_document.py" line="58"/>
        <source>Unit price</source>
        <translation>Einzelpreis</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/invoice_document.py" line="59"/>
        <source>VAT</source>
        <translation>USt.</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/invoice_document.py" line="60"/>
        <source>Net</source>
        <translation>Netto</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/invoice_document.py" line="61"/>
        <source>Total net</source>
        <translation>Summe netto</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/invoice_document.py" line="62"/>
        <source>Total gross</source>
        <translation>Gesamtbetrag</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/invoice_document.py" line="63"/>
        <source>State</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/invoice_document.py" line="64"/>
        <source>Paid</source>
        <translation>Bezahlt</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/invoice_document.py" line="65"/>
        <source>Open</source>
        <translation>Offen</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/invoice_document.py" line="66"/>
        <source>{0} days overdue</source>
        <translation>{0} Tage überfällig</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/invoice_document.py" line="67"/>
        <source>Payments</source>
        <translation>Zahlungen</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/invoice_document.py" line="68"/>
        <source>Dunning</source>
        <translation>Mahnwesen</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/invoice_document.py" line="69"/>
        <source>fee</source>
        <translation>Gebühr</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/invoice_document.py" line="70"/>
        <source>pay by</source>
        <translation>zahlbar bis</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/invoice_document.py" line="71"/>
        <source>Next: {0} on {1}</source>
        <translation>Als Nächstes: {0} am {1}</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/invoice_document.py" line="72"/>
        <source>Returned debits</source>
        <translation>Rücklastschriften</translation>
    </message>
</context>
<context>
    <name>InvoiceListModel</name>
    <message>
        <location filename="../../kcp_desk/views/billing_tab.py" line="200"/>
        <source>Invoice</source>
        <extracomment>the first page is in (``rowCount()`` may still be 0: no invoices)</extracomment>
        <translation>Rechnung</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/billing_tab.py" line="201"/>
        <source>Issued</source>
        <translation>Ausgestellt</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/billing_tab.py" line="202"/>
        <source>Due</source>
        <translation>Fällig</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/billing_tab.py" line="203"/>
        <source>State</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/billing_tab.py" line="204"/>
        <source>Amount</source>
        <translation>Betrag</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/billing_tab.py" line="205"/>
        <source>Open</source>
        <translation>Offen</translation>
    </message>
</context>
<context>
    <name>KcpError</name>
    <message>
        <location filename="../../kcp_desk/services/auth.py" line="40"/>
        <source>User name or passphrase is wrong.</source>
        <translation>Benutzername oder Passphrase ist falsch.</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/services/access.py" line="27"/>
        <source>The desk is locked. Unlock it first.</source>
        <extracomment>who works with customer data (SPEC §0); admins do not</extracomment>
        <translation>Der Desk ist gesperrt. Bitte zuerst entsperren.</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/services/access.py" line="28"/>
        <location filename="../../kcp_desk/services/auth.py" line="41"/>
        <source>This account is disabled. Please ask an admin.</source>
        <translation>Dieses Konto ist deaktiviert. Bitte wenden Sie sich an die Administration.</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/services/auth.py" line="42"/>
        <source>This workstation has no secure keyring, so it cannot remember you.</source>
        <translation>Dieser Arbeitsplatz hat keinen sicheren Schlüsselbund und kann sich Sie daher nicht merken.</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/services/auth.py" line="287"/>
        <source>The passphrase is wrong.</source>
        <extracomment>what a failed login records instead of a typed name that is no agent&apos;s (it may be a passphrase typed into the wrong field, and the audit log keeps it for ever) where &quot;remember on this workstation&quot; put the device key, if it was asked for why remembering failed, if it was asked for and did (the login itself succeeded) &quot;&quot; for a wrong passphrase, &quot;damaged&quot; when the blob itself cannot be read the device this workstation remembered before (its seal is replaced)</extracomment>
        <translation>Die Passphrase ist falsch.</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/services/agents.py" line="26"/>
        <source>The passphrase needs at least {n} characters.</source>
        <translation>Die Passphrase braucht mindestens {n} Zeichen.</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/db.py" line="203"/>
        <source>The database schema is older than this desk ({current}, needs {head}). Ask an admin to run: kcp-desk db upgrade</source>
        <extracomment>Tables whose guard triggers a desk must never drop or alter (A-3, PAY-1). On PostgreSQL the desk role owns nothing; on SQLite the desk&apos;s own connections refuse it. SQLite waits this long for another writer&apos;s lock before the action fails (a bounded retry inside SQLite itself) a desk&apos;s statements take milliseconds; this one is far beyond them (PostgreSQL)</extracomment>
        <translation>Das Datenbankschema ist älter als dieser Desk ({current}, benötigt {head}). Bitte einen Admin, dies auszuführen: kcp-desk db upgrade</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/db.py" line="255"/>
        <source>The database file {where} was deleted or replaced while the desk was running. Your last change may not have been saved. Restore the file (or restart the desk) to go on; your input is kept.</source>
        <translation>Die Datenbankdatei {where} wurde gelöscht oder ersetzt, während der Desk lief. Ihre letzte Änderung ist womöglich nicht gespeichert. Stellen Sie die Datei wieder her (oder starten Sie den Desk neu), um weiterzuarbeiten; Ihre Eingaben bleiben erhalten.</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/db.py" line="299"/>
        <source>The input contains characters that cannot be stored. Nothing was saved.</source>
        <translation>Die Eingabe enthält Zeichen, die nicht gespeichert werden können. Es wurde nichts gespeichert.</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/db.py" line="309"/>
        <source>Another program is writing to the database and did not finish in time. Nothing was saved; try again in a moment. Your input is kept.</source>
        <translation>Ein anderes Programm schreibt gerade in die Datenbank und wurde nicht rechtzeitig fertig. Es wurde nichts gespeichert; versuchen Sie es gleich noch einmal. Ihre Eingaben bleiben erhalten.</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/db.py" line="320"/>
        <source>The database file {where} is read-only, so nothing was saved. Check its permissions (and the folder&apos;s), then try again. Your input is kept.</source>
        <translation>Die Datenbankdatei {where} ist schreibgeschützt, daher wurde nichts gespeichert. Prüfen Sie die Berechtigungen der Datei (und des Ordners) und versuchen Sie es erneut. Ihre Eingaben bleiben erhalten.</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/db.py" line="331"/>
        <source>The disk holding {where} is full, so nothing was saved. Free some space, then try again. Your input is kept.</source>
        <translation>Der Datenträger mit {where} ist voll, daher wurde nichts gespeichert. Schaffen Sie Platz und versuchen Sie es erneut. Ihre Eingaben bleiben erhalten.</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/db.py" line="342"/>
        <source>The database file {where} is damaged or not a kcp-desk database. Nothing was saved. Close the desk and restore the file from a backup.</source>
        <translation>Die Datenbankdatei {where} ist beschädigt oder keine kcp-desk-Datenbank. Es wurde nichts gespeichert. Schließen Sie den Desk und stellen Sie die Datei aus einer Sicherung wieder her.</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/db.py" line="353"/>
        <source>The database file {where} cannot be read or written. Nothing was saved. Your input is kept.</source>
        <translation>Die Datenbankdatei {where} kann nicht gelesen oder geschrieben werden. Es wurde nichts gespeichert. Ihre Eingaben bleiben erhalten.</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/db.py" line="363"/>
        <source>The database cannot be reached. Your input is kept.</source>
        <translation>Die Datenbank ist nicht erreichbar. Ihre Eingaben bleiben erhalten.</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/db.py" line="364"/>
        <source>The database did not answer in time, so nothing was saved. Try again; your input is kept.</source>
        <translation>Die Datenbank hat nicht rechtzeitig geantwortet, daher wurde nichts gespeichert. Versuchen Sie es erneut; Ihre Eingaben bleiben erhalten.</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/db.py" line="389"/>
        <source>The database server {where} accepts no changes right now (read-only). Your input is kept.</source>
        <translation>Der Datenbankserver {where} nimmt gerade keine Änderungen an (nur lesend). Ihre Eingaben bleiben erhalten.</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/db.py" line="398"/>
        <source>The database server {where} has run out of disk space. Nothing was saved; your input is kept.</source>
        <translation>Dem Datenbankserver {where} ist der Speicherplatz ausgegangen. Es wurde nichts gespeichert; Ihre Eingaben bleiben erhalten.</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/services/name_change.py" line="61"/>
        <source>Not a ticket number (#KCP- and 8 digits, e.g. #KCP-00012340).</source>
        <translation>Keine Ticketnummer (#KCP- und 8 Ziffern, z. B. #KCP-00012340).</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/services/name_change.py" line="64"/>
        <source>Check digit wrong in ticket number.</source>
        <translation>Prüfziffer der Ticketnummer falsch.</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/services/name_change.py" line="65"/>
        <source>There is no ticket with this number.</source>
        <translation>Es gibt kein Ticket mit dieser Nummer.</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/services/name_change.py" line="66"/>
        <source>This ticket belongs to another customer.</source>
        <translation>Dieses Ticket gehört zu einem anderen Kunden.</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/services/name_change.py" line="69"/>
        <source>A name change for this customer is already waiting for a lead&apos;s decision.</source>
        <translation>Für diesen Kunden wartet bereits eine Namensänderung auf die Entscheidung einer Teamleitung.</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/services/name_change.py" line="72"/>
        <source>The new name is the same as the old one.</source>
        <translation>Der neue Name ist derselbe wie der alte.</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/services/name_change.py" line="73"/>
        <source>Only a lead can approve or reject a name change.</source>
        <translation>Nur eine Teamleitung kann eine Namensänderung freigeben oder ablehnen.</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/services/name_change.py" line="76"/>
        <source>You requested this name change yourself; another lead has to decide it (four-eyes).</source>
        <translation>Sie haben diese Namensänderung selbst beantragt; eine andere Teamleitung muss entscheiden (Vier-Augen-Prinzip).</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/services/name_change.py" line="80"/>
        <source>This name-change request does not exist.</source>
        <translation>Diesen Antrag auf Namensänderung gibt es nicht.</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/services/name_change.py" line="83"/>
        <source>Someone else changed or decided this request meanwhile. Reload to see it.</source>
        <translation>Jemand anderes hat diesen Antrag inzwischen geändert oder entschieden. Laden Sie neu, um es zu sehen.</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/services/name_change.py" line="86"/>
        <source>Please give a reason for the decision.</source>
        <translation>Bitte begründen Sie die Entscheidung.</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/errors.py" line="18"/>
        <source>At most {n} characters, please.</source>
        <extracomment>the one message for a field over its length limit (``n`` = the limit)</extracomment>
        <translation>Bitte höchstens {n} Zeichen.</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/services/search.py" line="202"/>
        <source>Check digit wrong: {ref} is not a valid customer number.</source>
        <translation>Prüfziffer falsch: {ref} ist keine gültige Kundennummer.</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/services/search.py" line="205"/>
        <source>Check digit wrong: {ref} is not a valid ticket reference.</source>
        <translation>Prüfziffer falsch: {ref} ist keine gültige Ticketnummer.</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/services/search.py" line="208"/>
        <source>Check digit wrong: {ref} is not a valid support order reference.</source>
        <translation>Prüfziffer falsch: {ref} ist keine gültige Support-Auftragsnummer.</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/services/search.py" line="211"/>
        <source>Check digit wrong: {ref} is not a valid SEPA mandate reference.</source>
        <translation>Prüfziffer falsch: {ref} ist keine gültige SEPA-Mandatsreferenz.</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/services/customers.py" line="117"/>
        <source>This customer does not exist.</source>
        <extracomment>Rows per list tab (invoices, tickets, support orders, history); ``Listing.total`` says how many there are in all. The form fields ``update_contact`` accepts. Address parts are ``billing.&lt;part&gt;``. Changed only through a name-change request (C1.4, ID-4).</extracomment>
        <translation>Diesen Kunden gibt es nicht.</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/services/customers.py" line="118"/>
        <source>Someone else changed this customer meanwhile. Your input is kept; reload to see their change.</source>
        <translation>Jemand anderes hat diesen Kunden inzwischen geändert. Ihre Eingaben bleiben erhalten; laden Sie neu, um die Änderung zu sehen.</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/services/customers.py" line="122"/>
        <source>Name and company change only by a name-change request with a ticket, approved by a lead.</source>
        <translation>Name und Firma ändern sich nur über einen Antrag auf Namensänderung mit Ticket, freigegeben von einer Teamleitung.</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/services/access.py" line="29"/>
        <source>Only agents and leads work with customer data.</source>
        <translation>Nur Servicemitarbeitende und Teamleitungen arbeiten mit Kundendaten.</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/services/customers.py" line="1035"/>
        <source>A new e-mail address needs a verified caller: check the phone password first (customers without access to their e-mail go through identity validation).</source>
        <extracomment>ID-3: the phone-password factor P is locked (not the account) ID-1 factor M needs the mobile number registered 30 days before a case whether a phone password exists and since when (never the value, ID-5) a pending name-change request (the form shows &quot;name change pending&quot;) the fields that really changed (empty: nothing was written) (field, old, new) for the history, in a stable order the complete new billing address, if it changed how long a matched phone password counts as &quot;the caller is verified&quot; (one call)</extracomment>
        <translation>Eine neue E-Mail-Adresse braucht einen geprüften Anrufer: Prüfen Sie zuerst das Telefonpasswort (Kunden ohne Zugang zu ihrer E-Mail laufen über die Identitätsprüfung).</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/services/caller_verification.py" line="125"/>
        <source>Type what the caller says.</source>
        <extracomment>Without an identity case, wrong tries this close together belong to one call. P is locked (ID-3); nothing was compared or counted the customer has no phone password wrong tries left before P locks; 0 when locked, None when no password is set set when P is (now) locked</extracomment>
        <translation>Tippen Sie ein, was der Anrufer sagt.</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/services/caller_verification.py" line="126"/>
        <source>This identity case does not belong to this customer.</source>
        <translation>Dieser Identitätsfall gehört nicht zu diesem Kunden.</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/services/caller_verification.py" line="129"/>
        <source>This identity case is no longer open; no more factors can be tried in it.</source>
        <translation>Dieser Identitätsfall ist nicht mehr offen; es können keine weiteren Faktoren geprüft werden.</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/domain/contact_rules.py" line="104"/>
        <location filename="../../kcp_desk/domain/contact_rules.py" line="173"/>
        <source>This field is required.</source>
        <extracomment>Numbers without a country prefix are German (the hoster&apos;s home market). Column widths of the fields (``kcp_desk.models``), checked here so the database never has to refuse (PostgreSQL would; SQLite would silently store more). Countries whose postcodes are checked strictly: the number of digits.</extracomment>
        <translation>Dieses Feld ist ein Pflichtfeld.</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/domain/contact_rules.py" line="118"/>
        <source>An e-mail address is required.</source>
        <translation>Eine E-Mail-Adresse ist Pflicht.</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/domain/contact_rules.py" line="124"/>
        <source>Not a valid e-mail address.</source>
        <translation>Keine gültige E-Mail-Adresse.</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/domain/contact_rules.py" line="141"/>
        <source>Not a valid phone number (numbers abroad need their +country code).</source>
        <translation>Keine gültige Telefonnummer (Nummern im Ausland brauchen ihre +Ländervorwahl).</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/domain/contact_rules.py" line="163"/>
        <source>Not a country code (two letters, e.g. DE, AT, CH).</source>
        <translation>Kein Ländercode (zwei Buchstaben, z. B. DE, AT, CH).</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/domain/contact_rules.py" line="179"/>
        <source>A postcode in {country} has {n} digits.</source>
        <translation>Eine PLZ in {country} hat {n} Ziffern.</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/domain/contact_rules.py" line="187"/>
        <source>Not a valid postcode.</source>
        <translation>Keine gültige PLZ.</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/domain/contact_rules.py" line="209"/>
        <source>Not a date (e.g. 30.04.1980).</source>
        <translation>Kein Datum (z. B. 30.04.1980).</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/domain/contact_rules.py" line="213"/>
        <source>The date of birth must lie in the past.</source>
        <translation>Das Geburtsdatum muss in der Vergangenheit liegen.</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/domain/sepa.py" line="68"/>
        <source>Please enter the IBAN.</source>
        <translation>Bitte geben Sie die IBAN ein.</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/domain/sepa.py" line="69"/>
        <source>This IBAN is not valid: its check digits do not match. Is there a typo?</source>
        <translation>Diese IBAN ist ungültig: Die Prüfziffern stimmen nicht. Ein Tippfehler?</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/domain/sepa.py" line="72"/>
        <source>This IBAN has the wrong number of characters for its country.</source>
        <translation>Diese IBAN hat für ihr Land die falsche Länge.</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/domain/sepa.py" line="75"/>
        <source>This IBAN does not start with a known country code.</source>
        <translation>Diese IBAN beginnt nicht mit einem bekannten Ländercode.</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/domain/sepa.py" line="78"/>
        <source>This is not a valid IBAN (e.g. DE89 3704 0044 0532 0130 00).</source>
        <translation>Das ist keine gültige IBAN (z. B. DE89 3704 0044 0532 0130 00).</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/domain/sepa.py" line="81"/>
        <source>Direct debits need an IBAN from a SEPA country.</source>
        <translation>Lastschriften brauchen eine IBAN aus einem SEPA-Land.</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/domain/sepa.py" line="84"/>
        <source>This is not a valid BIC (8 or 11 characters, e.g. COBADEFFXXX).</source>
        <translation>Das ist keine gültige BIC (8 oder 11 Zeichen, z. B. COBADEFFXXX).</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/domain/sepa.py" line="87"/>
        <source>Please enter the account holder.</source>
        <translation>Bitte geben Sie den Kontoinhaber ein.</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/domain/sepa.py" line="88"/>
        <source>A mandate reference has at most 35 letters, digits and / - ? : ( ) . , &apos; + (no spaces, no // and no / at either end).</source>
        <translation>Eine Mandatsreferenz hat höchstens 35 Buchstaben, Ziffern und / - ? : ( ) . , &apos; + (keine Leerzeichen, kein // und kein / am Anfang oder Ende).</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/domain/sepa.py" line="93"/>
        <source>This is not a valid creditor identifier (e.g. DE98ZZZ09999999999).</source>
        <translation>Das ist keine gültige Gläubiger-ID (z. B. DE98ZZZ09999999999).</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/domain/sepa.py" line="96"/>
        <source>A return reason code has four letters or digits, e.g. AM04.</source>
        <translation>Ein Rückgabegrund hat vier Buchstaben oder Ziffern, z. B. AM04.</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/services/billing.py" line="131"/>
        <source>This invoice does not exist.</source>
        <translation>Diese Rechnung gibt es nicht.</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/services/billing.py" line="132"/>
        <source>Someone else changed this invoice meanwhile. Reload to see their change.</source>
        <translation>Jemand anderes hat diese Rechnung inzwischen geändert. Laden Sie neu, um die Änderung zu sehen.</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/services/billing.py" line="135"/>
        <source>Only a lead may cancel an invoice.</source>
        <translation>Nur eine Teamleitung darf eine Rechnung stornieren.</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/services/billing.py" line="136"/>
        <source>This invoice is already cancelled.</source>
        <translation>Diese Rechnung ist bereits storniert.</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/services/billing.py" line="137"/>
        <source>A cancellation invoice or credit note cannot be cancelled.</source>
        <translation>Eine Stornorechnung oder Gutschrift kann nicht storniert werden.</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/services/billing.py" line="140"/>
        <source>Please give a reason.</source>
        <translation>Bitte geben Sie einen Grund an.</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/services/billing.py" line="141"/>
        <source>This invoice was not collected by direct debit.</source>
        <translation>Diese Rechnung wurde nicht per Lastschrift eingezogen.</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/services/billing.py" line="144"/>
        <source>A cancelled invoice or a credit note cannot have a returned debit.</source>
        <translation>Eine stornierte Rechnung oder Gutschrift kann keine Rücklastschrift haben.</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/services/billing.py" line="147"/>
        <source>This date lies in the future.</source>
        <translation>Dieses Datum liegt in der Zukunft.</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/services/billing.py" line="148"/>
        <source>The debit cannot come back before the invoice was issued.</source>
        <translation>Die Lastschrift kann nicht vor dem Rechnungsdatum zurückkommen.</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/services/billing.py" line="151"/>
        <source>The amount must be more than zero.</source>
        <translation>Der Betrag muss größer als null sein.</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/services/billing.py" line="152"/>
        <source>The amount is higher than the invoice total.</source>
        <translation>Der Betrag ist höher als die Rechnungssumme.</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/services/billing.py" line="155"/>
        <source>The fee cannot be negative.</source>
        <translation>Die Gebühr kann nicht negativ sein.</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/services/billing.py" line="156"/>
        <source>The customer already pays this way.</source>
        <translation>Der Kunde zahlt bereits so.</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/services/billing.py" line="157"/>
        <source>This customer has used all 99 mandate references.</source>
        <translation>Dieser Kunde hat alle 99 Mandatsreferenzen verbraucht.</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/services/billing.py" line="160"/>
        <source>No SEPA creditor identifier is configured.</source>
        <translation>Es ist keine SEPA-Gläubiger-ID eingerichtet.</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/app.py" line="79"/>
        <source>The database file {where} is missing. It was there before; restore it from a backup, or point the desk at another database.</source>
        <extracomment>seconds between tries when the database is not there at start-up set by bench/startup.py: print a marker when the login window has painted, then quit</extracomment>
        <translation>Die Datenbankdatei {where} fehlt. Sie war vorher da; stellen Sie sie aus einer Sicherung wieder her oder verbinden Sie den Desk mit einer anderen Datenbank.</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/security/keyring_guard.py" line="101"/>
        <source>The keyring of this workstation is locked. Unlock it and try again.</source>
        <extracomment>where the secret goes, if a secure backend was found the backends that were found and refused (when there is none)</extracomment>
        <translation>Der Schlüsselbund dieses Arbeitsplatzes ist gesperrt. Entsperren Sie ihn und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/security/keyring_guard.py" line="104"/>
        <source>The keyring of this workstation cannot be used right now ({error}).</source>
        <translation>Der Schlüsselbund dieses Arbeitsplatzes kann gerade nicht verwendet werden ({error}).</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/operation.py" line="45"/>
        <source>The desk was locked before this was finished, so nothing was done. Please try again.</source>
        <translation>Der Desk wurde gesperrt, bevor dies fertig war; es ist nichts geschehen. Bitte versuchen Sie es erneut.</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/domain/text_input.py" line="45"/>
        <source>Control characters are not allowed here (character {position}).</source>
        <translation>Steuerzeichen sind hier nicht erlaubt (Zeichen {position}).</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/domain/text_input.py" line="48"/>
        <source>Invisible formatting characters are not allowed here (character {position}); they often come with copied text.</source>
        <translation>Unsichtbare Formatierungszeichen sind hier nicht erlaubt (Zeichen {position}); sie kommen oft mit kopiertem Text.</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/domain/text_input.py" line="53"/>
        <source>The text holds a broken character (character {position}); please type it again.</source>
        <translation>Der Text enthält ein defektes Zeichen (Zeichen {position}); bitte tippen Sie ihn noch einmal.</translation>
    </message>
</context>
<context>
    <name>Keyring</name>
    <message>
        <location filename="../../kcp_desk/security/keyring_guard.py" line="41"/>
        <source>the Windows Credential Manager</source>
        <translation>die Windows-Anmeldeinformationsverwaltung</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/security/keyring_guard.py" line="44"/>
        <source>the desktop&apos;s Secret Service (GNOME Keyring, KWallet)</source>
        <translation>den Secret Service des Desktops (GNOME-Schlüsselbund, KWallet)</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/security/keyring_guard.py" line="47"/>
        <source>the desktop&apos;s Secret Service (libsecret)</source>
        <translation>den Secret Service des Desktops (libsecret)</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/security/keyring_guard.py" line="50"/>
        <source>KWallet</source>
        <translation>KWallet</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/security/keyring_guard.py" line="51"/>
        <source>the macOS Keychain</source>
        <translation>den macOS-Schlüsselbund</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/security/keyring_guard.py" line="52"/>
        <source>no keyring at all</source>
        <translation>gar kein Schlüsselbund</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/security/keyring_guard.py" line="53"/>
        <source>a keyring that forgets</source>
        <translation>ein Schlüsselbund, der nichts behält</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/security/keyring_guard.py" line="54"/>
        <source>a plaintext file (refused)</source>
        <translation>eine Klartextdatei (abgelehnt)</translation>
    </message>
</context>
<context>
    <name>LockScreen</name>
    <message>
        <location filename="../../kcp_desk/views/lock_screen.py" line="24"/>
        <source>kcp-desk is locked</source>
        <translation>kcp-desk ist gesperrt</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/lock_screen.py" line="30"/>
        <source>Signed in as {0}. Enter your passphrase to continue.</source>
        <translation>Angemeldet als {0}. Geben Sie Ihre Passphrase ein, um weiterzuarbeiten.</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/lock_screen.py" line="41"/>
        <source>Unlock</source>
        <translation>Entsperren</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/lock_screen.py" line="44"/>
        <source>Sign out</source>
        <translation>Abmelden</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/lock_screen.py" line="94"/>
        <source>{0} Type your passphrase again to unlock.</source>
        <translation>{0} Geben Sie Ihre Passphrase erneut ein, um zu entsperren.</translation>
    </message>
</context>
<context>
    <name>LoginWindow</name>
    <message>
        <location filename="../../kcp_desk/views/login_window.py" line="35"/>
        <source>kcp-desk – Sign in</source>
        <extracomment>the user (or the countdown) asks to try the database again</extracomment>
        <translation>kcp-desk – Anmelden</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/login_window.py" line="38"/>
        <source>kcp-desk</source>
        <translation>kcp-desk</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/login_window.py" line="44"/>
        <source>Service desk – sign in with your personal passphrase</source>
        <translation>Service-Desk – melden Sie sich mit Ihrer persönlichen Passphrase an</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/login_window.py" line="49"/>
        <source>e.g. anna</source>
        <translation>z. B. anna</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/login_window.py" line="59"/>
        <source>Remember on this workstation</source>
        <translation>An diesem Arbeitsplatz merken</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/login_window.py" line="65"/>
        <source>Sign in</source>
        <translation>Anmelden</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/login_window.py" line="76"/>
        <source>Retry now</source>
        <translation>Jetzt erneut versuchen</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/login_window.py" line="84"/>
        <source>Database: {0}</source>
        <translation>Datenbank: {0}</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/login_window.py" line="90"/>
        <source>&amp;User name</source>
        <translation>&amp;Benutzername</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/login_window.py" line="91"/>
        <source>&amp;Passphrase</source>
        <translation>&amp;Passphrase</translation>
    </message>
    <message numerus="yes">
        <location filename="../../kcp_desk/views/login_window.py" line="148"/>
        <source>Trying again in %n second(s)…</source>
        <translation>
            <numerusform>Neuer Versuch in %n Sekunde …</numerusform>
            <numerusform>Neuer Versuch in %n Sekunden …</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/login_window.py" line="184"/>
        <source>Not available: this workstation has no secure keyring (found: {0}). Sign in with your passphrase each time.</source>
        <translation>Nicht verfügbar: Dieser Arbeitsplatz hat keinen sicheren Schlüsselbund (gefunden: {0}). Melden Sie sich jedes Mal mit Ihrer Passphrase an.</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/login_window.py" line="190"/>
        <source>A device key is kept in {0}.</source>
        <translation>Ein Geräteschlüssel wird in {0} aufbewahrt.</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/login_window.py" line="196"/>
        <source>Remembered here – leave empty to continue</source>
        <translation>Hier gemerkt – leer lassen, um fortzufahren</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/login_window.py" line="204"/>
        <source>Please enter your user name.</source>
        <translation>Bitte geben Sie Ihren Benutzernamen ein.</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/login_window.py" line="211"/>
        <source>Unlocking your keys…</source>
        <translation>Ihre Schlüssel werden entsperrt …</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/login_window.py" line="225"/>
        <source>This workstation no longer remembers you. Please enter your passphrase.</source>
        <translation>Dieser Arbeitsplatz kennt Sie nicht mehr. Bitte geben Sie Ihre Passphrase ein.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../kcp_desk/views/main_window.py" line="36"/>
        <source>Agent</source>
        <translation>Servicemitarbeiter/in</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/main_window.py" line="37"/>
        <source>Team lead</source>
        <translation>Teamleitung</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/main_window.py" line="38"/>
        <source>Admin</source>
        <translation>Administration</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/main_window.py" line="83"/>
        <source>kcp-desk</source>
        <extracomment>every operation of this window&apos;s views passes it: held while locked (V-6)</extracomment>
        <translation>kcp-desk</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/main_window.py" line="126"/>
        <source>Customers</source>
        <translation>Kunden</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/main_window.py" line="128"/>
        <location filename="../../kcp_desk/views/main_window.py" line="130"/>
        <source>Tickets</source>
        <translation>Tickets</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/main_window.py" line="132"/>
        <source>Your tickets, the unassigned queue, your team&apos;s tickets and the archive: claim, hand over, reply and close. Coming with the ticket queues.</source>
        <translation>Ihre Tickets, die nicht zugewiesenen, die Ihres Teams und das Archiv: übernehmen, übergeben, antworten und schließen. Kommt mit den Ticket-Warteschlangen.</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/main_window.py" line="139"/>
        <location filename="../../kcp_desk/views/main_window.py" line="141"/>
        <source>Support orders</source>
        <translation>Support-Aufträge</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/main_window.py" line="143"/>
        <source>Support orders with consents, cost acknowledgement, the start gate, time entries and the credential vault. Coming with support orders.</source>
        <translation>Support-Aufträge mit Einwilligungen, Kostenbestätigung, Startfreigabe, Zeiterfassung und dem Zugangsdaten-Tresor. Kommt mit den Support-Aufträgen.</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/main_window.py" line="148"/>
        <source>Approvals</source>
        <translation>Freigaben</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/main_window.py" line="166"/>
        <source>&amp;Desk</source>
        <translation>&amp;Desk</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/main_window.py" line="167"/>
        <source>&amp;Lock now</source>
        <translation>&amp;Jetzt sperren</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/main_window.py" line="170"/>
        <source>Sign &amp;out</source>
        <translation>&amp;Abmelden</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/main_window.py" line="172"/>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/main_window.py" line="175"/>
        <source>&amp;Find customer</source>
        <translation>Kunden &amp;suchen</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/main_window.py" line="186"/>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/main_window.py" line="187"/>
        <source>&amp;About kcp-desk</source>
        <translation>&amp;Über kcp-desk</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/main_window.py" line="194"/>
        <source>{0} ({1}) – {2}</source>
        <translation>{0} ({1}) – {2}</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/main_window.py" line="220"/>
        <source>Locked – your keys were removed from memory.</source>
        <translation>Gesperrt – Ihre Schlüssel wurden aus dem Speicher entfernt.</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/main_window.py" line="242"/>
        <source>About kcp-desk</source>
        <translation>Über kcp-desk</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/main_window.py" line="243"/>
        <source>kcp-desk {0}
The desk of the service team.</source>
        <translation>kcp-desk {0}
Der Desk des Serviceteams.</translation>
    </message>
</context>
<context>
    <name>Messages</name>
    <message>
        <location filename="../../kcp_desk/views/messages.py" line="35"/>
        <source>Another program is writing to the database and did not finish in time.</source>
        <translation>Ein anderes Programm schreibt gerade in die Datenbank und wurde nicht rechtzeitig fertig.</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/messages.py" line="42"/>
        <source>The database did not answer in time.</source>
        <translation>Die Datenbank hat nicht rechtzeitig geantwortet.</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/messages.py" line="46"/>
        <source>The database accepts no changes right now (read-only).</source>
        <translation>Die Datenbank nimmt gerade keine Änderungen an (nur lesend).</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/messages.py" line="52"/>
        <source>The disk holding the database is full.</source>
        <translation>Der Datenträger der Datenbank ist voll.</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/messages.py" line="56"/>
        <source>The database file is damaged or not a kcp-desk database.</source>
        <translation>Die Datenbankdatei ist beschädigt oder keine kcp-desk-Datenbank.</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/messages.py" line="62"/>
        <source>The database file was deleted or replaced.</source>
        <translation>Die Datenbankdatei wurde gelöscht oder ersetzt.</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/messages.py" line="66"/>
        <source>The database cannot be reached.</source>
        <translation>Die Datenbank ist nicht erreichbar.</translation>
    </message>
</context>
<context>
    <name>NameChangeDialog</name>
    <message>
        <location filename="../../kcp_desk/views/name_change.py" line="48"/>
        <source>Request a name change</source>
        <translation>Namensänderung beantragen</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/name_change.py" line="53"/>
        <source>The new name takes effect when a team lead approves it. Link the ticket in which the customer asked for it (with the proof, e.g. a register extract).</source>
        <translation>Der neue Name gilt, sobald eine Teamleitung ihn freigibt. Verknüpfen Sie das Ticket, in dem der Kunde ihn beantragt hat (mit Nachweis, z. B. Registerauszug).</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/name_change.py" line="61"/>
        <source>Ticket (#KCP-…)</source>
        <translation>Ticket (#KCP-…)</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/name_change.py" line="62"/>
        <source>First name</source>
        <translation>Vorname</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/name_change.py" line="63"/>
        <source>Last name</source>
        <translation>Nachname</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/name_change.py" line="64"/>
        <source>Company</source>
        <translation>Firma</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/name_change.py" line="65"/>
        <source>Legal form</source>
        <translation>Rechtsform</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/name_change.py" line="66"/>
        <source>Reason</source>
        <translation>Begründung</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/name_change.py" line="77"/>
        <source>Submit for approval</source>
        <translation>Zur Freigabe einreichen</translation>
    </message>
</context>
<context>
    <name>PaymentMethodDialog</name>
    <message>
        <location filename="../../kcp_desk/views/billing_tab.py" line="360"/>
        <source>Change payment method</source>
        <translation>Zahlungsart ändern</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/billing_tab.py" line="366"/>
        <source>Payment method</source>
        <translation>Zahlungsart</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/billing_tab.py" line="369"/>
        <source>Account holder</source>
        <translation>Kontoinhaber</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/billing_tab.py" line="370"/>
        <source>IBAN</source>
        <translation>IBAN</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/billing_tab.py" line="371"/>
        <source>BIC (optional)</source>
        <translation>BIC (optional)</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/billing_tab.py" line="372"/>
        <source>Mandate signed at</source>
        <translation>Mandat unterschrieben in</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/billing_tab.py" line="373"/>
        <source>Reason</source>
        <translation>Begründung</translation>
    </message>
</context>
<context>
    <name>ReturnCode</name>
    <message>
        <location filename="../../kcp_desk/domain/sepa.py" line="238"/>
        <source>Account identifier incorrect</source>
        <translation>Kontokennung fehlerhaft</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/domain/sepa.py" line="240"/>
        <source>Account closed</source>
        <translation>Konto erloschen</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/domain/sepa.py" line="241"/>
        <source>Account blocked</source>
        <translation>Konto gesperrt</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/domain/sepa.py" line="244"/>
        <source>Debtor account is a consumer account</source>
        <translation>Konto des Zahlers ist ein Verbraucherkonto</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/domain/sepa.py" line="249"/>
        <source>Direct debit not allowed on this account</source>
        <translation>Lastschrift auf diesem Konto nicht zulässig</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/domain/sepa.py" line="254"/>
        <source>Invalid transaction code or file format</source>
        <translation>Ungültiger Transaktionscode oder Dateiformat</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/domain/sepa.py" line="258"/>
        <source>Insufficient funds</source>
        <translation>Keine Deckung</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/domain/sepa.py" line="261"/>
        <source>Duplicate collection</source>
        <translation>Doppelter Einzug</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/domain/sepa.py" line="265"/>
        <source>Creditor identifier incorrect</source>
        <translation>Gläubiger-ID fehlerhaft</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/domain/sepa.py" line="269"/>
        <source>Invalid file format</source>
        <translation>Ungültiges Dateiformat</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/domain/sepa.py" line="272"/>
        <source>No valid mandate</source>
        <translation>Kein gültiges Mandat</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/domain/sepa.py" line="276"/>
        <source>Mandate data missing or incorrect</source>
        <translation>Mandatsdaten fehlen oder sind fehlerhaft</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/domain/sepa.py" line="281"/>
        <source>Refund requested by the payer (objection)</source>
        <translation>Erstattung durch den Zahler verlangt (Widerspruch)</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/domain/sepa.py" line="285"/>
        <source>Debtor deceased</source>
        <translation>Zahler verstorben</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/domain/sepa.py" line="289"/>
        <source>Refused by the payer</source>
        <translation>Vom Zahler abgelehnt</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/domain/sepa.py" line="293"/>
        <source>Reason not specified</source>
        <translation>Ohne Angabe von Gründen</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/domain/sepa.py" line="295"/>
        <source>BIC incorrect</source>
        <translation>BIC fehlerhaft</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/domain/sepa.py" line="298"/>
        <source>Regulatory reason: debtor data missing</source>
        <translation>Regulatorischer Grund: Angaben zum Zahler fehlen</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/domain/sepa.py" line="303"/>
        <source>Refused by a service of the debtor&apos;s bank</source>
        <translation>Von einem Dienst der Bank des Zahlers abgelehnt</translation>
    </message>
</context>
<context>
    <name>Value</name>
    <message>
        <location filename="../../kcp_desk/views/formatting.py" line="69"/>
        <source>new</source>
        <translation>neu</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/formatting.py" line="70"/>
        <source>open</source>
        <translation>offen</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/formatting.py" line="71"/>
        <source>pending customer</source>
        <translation>wartet auf Kunden</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/formatting.py" line="72"/>
        <source>closed</source>
        <translation>geschlossen</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/formatting.py" line="73"/>
        <source>overdue</source>
        <translation>überfällig</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/formatting.py" line="74"/>
        <source>partly paid</source>
        <translation>teilweise bezahlt</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/formatting.py" line="75"/>
        <source>paid</source>
        <translation>bezahlt</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/formatting.py" line="76"/>
        <source>cancelled</source>
        <translation>storniert</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/formatting.py" line="77"/>
        <source>credited</source>
        <translation>gutgeschrieben</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/formatting.py" line="78"/>
        <source>returned debit</source>
        <translation>Rücklastschrift</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/formatting.py" line="79"/>
        <source>low</source>
        <translation>niedrig</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/formatting.py" line="80"/>
        <source>normal</source>
        <translation>normal</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/formatting.py" line="81"/>
        <source>high</source>
        <translation>hoch</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/formatting.py" line="82"/>
        <source>urgent</source>
        <translation>dringend</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/formatting.py" line="83"/>
        <source>received</source>
        <translation>eingegangen</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/formatting.py" line="84"/>
        <source>in review</source>
        <translation>in Prüfung</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/formatting.py" line="85"/>
        <source>query</source>
        <translation>Rückfrage</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/formatting.py" line="86"/>
        <source>cost approval</source>
        <translation>Kostenfreigabe</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/formatting.py" line="87"/>
        <source>approved</source>
        <translation>freigegeben</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/formatting.py" line="88"/>
        <source>in progress</source>
        <translation>in Arbeit</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/formatting.py" line="89"/>
        <source>done</source>
        <translation>erledigt</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/formatting.py" line="90"/>
        <source>billed</source>
        <translation>abgerechnet</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/formatting.py" line="91"/>
        <source>rejected</source>
        <translation>abgelehnt</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/formatting.py" line="92"/>
        <source>web hosting</source>
        <translation>Webhosting</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/formatting.py" line="93"/>
        <source>vServer</source>
        <translation>vServer</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/formatting.py" line="94"/>
        <source>dedicated server</source>
        <translation>Dedicated Server</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/formatting.py" line="95"/>
        <source>domain</source>
        <translation>Domain</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/formatting.py" line="96"/>
        <source>managed server</source>
        <translation>Managed Server</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/formatting.py" line="97"/>
        <source>none</source>
        <translation>keins</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/formatting.py" line="98"/>
        <source>Basic</source>
        <translation>Basic</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/formatting.py" line="99"/>
        <source>Pro</source>
        <translation>Pro</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/formatting.py" line="100"/>
        <source>Premium</source>
        <translation>Premium</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/formatting.py" line="101"/>
        <source>person</source>
        <translation>Privatperson</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/formatting.py" line="102"/>
        <source>company</source>
        <translation>Firma</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/formatting.py" line="103"/>
        <source>phone password</source>
        <translation>Telefonpasswort</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/formatting.py" line="104"/>
        <source>letter code</source>
        <translation>Briefcode</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/formatting.py" line="105"/>
        <source>SMS code</source>
        <translation>SMS-Code</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/formatting.py" line="106"/>
        <source>identity document</source>
        <translation>Ausweisdokument</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/formatting.py" line="107"/>
        <source>pending</source>
        <translation>offen</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/formatting.py" line="108"/>
        <source>payment reminder</source>
        <translation>Zahlungserinnerung</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/formatting.py" line="109"/>
        <source>1st dunning letter</source>
        <translation>1. Mahnung</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/formatting.py" line="110"/>
        <source>2nd dunning letter</source>
        <translation>2. Mahnung</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/formatting.py" line="111"/>
        <source>final notice</source>
        <translation>letzte Mahnung</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/formatting.py" line="112"/>
        <source>termination</source>
        <translation>Kündigung</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/formatting.py" line="113"/>
        <source>debt collection</source>
        <translation>Inkasso</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/formatting.py" line="114"/>
        <source>SEPA direct debit</source>
        <translation>SEPA-Lastschrift</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/formatting.py" line="115"/>
        <source>bank transfer</source>
        <translation>Überweisung</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/formatting.py" line="116"/>
        <source>credit card</source>
        <translation>Kreditkarte</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/formatting.py" line="117"/>
        <source>PayPal</source>
        <translation>PayPal</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/formatting.py" line="118"/>
        <source>active</source>
        <translation>aktiv</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/formatting.py" line="119"/>
        <source>revoked</source>
        <translation>widerrufen</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/formatting.py" line="120"/>
        <source>expired</source>
        <translation>abgelaufen</translation>
    </message>
</context>
<context>
    <name>_ListTab</name>
    <message>
        <location filename="../../kcp_desk/views/customer_view.py" line="73"/>
        <source>Showing the newest {0} of {1}.</source>
        <translation>Die neuesten {0} von {1}.</translation>
    </message>
</context>
</TS>
