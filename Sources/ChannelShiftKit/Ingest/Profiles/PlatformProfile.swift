// Platform profiles: how the exports of common contact-centre platforms map to canonical fields,
// which column groups legs into journeys, which says the direction, and which clock times are in.
// Each is written from the vendor's published column list (cited); a small fixture of each is in
// Tests/ChannelShiftKitTests/Fixtures/profiles/.

public struct PlatformProfile: Sendable {
    public var name: String          // --profile NAME
    public var title: String
    public var source: String        // where the column list comes from
    /// Normalised headers that together identify the export (auto-detection needs all of them).
    public var signature: [String]
    /// `kind,field,from,to` rows, as a --mapping file.
    public var mappingCSV: String
    public var clock: ExportClock
    public var dateOrder: DateOrder?
    public var notes: String

    public var mapping: MappingFile {
        // The built-in tables are tested to parse; a failure here is a programming error.
        try! MappingFile.parse(CSVTable.parse(Array(mappingCSV.utf8), file: "profile \(name)"))
    }

    public static func named(_ name: String) -> PlatformProfile? { all.first { $0.name == name.lowercased() } }

    /// The one profile whose signature the header carries, or nil (none, or more than one).
    public static func detect(_ headers: [String]) -> PlatformProfile? {
        // Vendor headers are short names; a file with thousands of columns or a huge header cell is none of these.
        guard headers.count <= 2000 else { return nil }
        let have = Set(headers.filter { $0.utf8.count <= 64 }.map(CSVTable.normaliseHeader))
        let hits = all.filter { p in p.signature.allSatisfy(have.contains) }
        return hits.count == 1 ? hits[0] : nil
    }

    public static let all: [PlatformProfile] = [telephony, genesysCloud, niceCXone, eightByEight, teamsCallQueue, amazonConnect]

    /// Contact trace records are JSON, recognised by their shape rather than headers (see AmazonConnectCTR.swift).
    static let amazonConnect = PlatformProfile(
        name: "amazon-connect", title: "Amazon Connect contact trace records (JSON, usually gzipped)",
        source: "Amazon Connect Administrator Guide, contact records data model (ContactId, InitialContactId, InitiationTimestamp, InitiationMethod, Channel, Queue.Name, Queue.Duration, Agent durations, Attributes)",
        signature: ["ctrjsonnotdetectedbyheader"],
        mappingCSV: """
        kind,field,from,to
        column,contact_id,contact_id,
        column,journey_key,journey_key,
        column,started_at,started_at,
        column,channel,channel,
        column,direction,direction,
        column,line,line,
        column,reason,reason,
        column,outcome,outcome,
        column,wait_s,wait_s,
        column,handle_s,handle_s,
        column,caller_key,caller_key,
        """, clock: .utcToLondon, dateOrder: nil,
        notes: "JSON records become rows; transfer legs share InitialContactId; the wrap code is read from a contact attribute (wrap_code, Reason...), else 'not recorded'; times are UTC")

    static let telephony = PlatformProfile(
        name: "telephony", title: "Council telephony export (Call ID, Call Date, Wrap Code...)",
        source: "Models/mappings/telephony.csv",
        signature: ["callid", "calldate", "calltime", "wrapcode", "clihash"],
        mappingCSV: """
        kind,field,from,to
        column,contact_id,Call ID,
        column,date,Call Date,
        column,time,Call Time,
        column,channel,Media,
        column,line,Queue,
        column,reason,Wrap Code,
        column,outcome,Disposition,
        column,wait_s,Queue Time,
        column,handle_s,Talk Time,
        column,caller_key,CLI Hash,
        column,has_email,Email Held,
        value,channel,Telephone,phone
        value,channel,E-mail,email
        value,channel,Web Chat,webchat
        value,channel,Online Form,web_form
        value,channel,Face to Face,face_to_face
        value,has_email,Yes,Y
        value,has_email,No,N
        """, clock: .local, dateOrder: nil, notes: "one row per contact")

    static let genesysCloud = PlatformProfile(
        name: "genesys-cloud", title: "Genesys Cloud interactions export",
        source: "Genesys Cloud Performance > Interactions view, exported to CSV (columns as listed in issue #17 and the view's column picker)",
        signature: ["conversationid", "wrapup", "direction", "mediatype"],
        mappingCSV: """
        kind,field,from,to
        column,contact_id,Conversation ID,
        column,journey_key,Conversation ID,
        column,started_at,Date,
        column,channel,Media Type,
        column,direction,Direction,
        column,line,Queue,
        column,reason,Wrap-up,
        column,outcome,Abandoned,
        column,wait_s,Total Queue,
        column,handle_s,Total Handle,
        column,caller_key,ANI,
        value,channel,voice,phone
        value,channel,callback,phone
        value,channel,message,webchat
        value,outcome,Yes,abandoned
        value,outcome,No,answered
        """, clock: .utcToLondon, dateOrder: nil,
        notes: "legs of one conversation (transfers, consults) share the Conversation ID; timestamps are UTC")

    static let niceCXone = PlatformProfile(
        name: "nice-cxone", title: "NICE CXone contact data download",
        source: "NICE CXone Data Download metrics (help.incontact.com, Data Download Reports: Contact_ID, Master_Contact_ID, Start_Date, Abandon Y/N)",
        signature: ["contactid", "mastercontactid", "startdate", "dispositioncode", "abandon"],
        mappingCSV: """
        kind,field,from,to
        column,contact_id,Contact_ID,
        column,journey_key,Master_Contact_ID,
        column,date,Start_Date,
        column,time,start_time,
        column,channel,Media_Name,
        column,line,Skill_Name,
        column,reason,Disposition_Code,
        column,outcome,Abandon,
        column,wait_s,InQueue_Time,
        column,handle_s,Handle_Time,
        column,caller_key,ANI,
        value,channel,Call,phone
        value,channel,Voice,phone
        value,channel,Chat,webchat
        value,channel,Email,email
        value,outcome,Y,abandoned
        value,outcome,N,answered
        """, clock: .local, dateOrder: .mdy,
        notes: "dates are month first (MM/DD/YYYY); a transferred contact's legs share Master_Contact_ID")

    static let eightByEight = PlatformProfile(
        name: "8x8", title: "8x8 Contact Centre interaction details",
        source: "8x8 Analytics for Contact Centre, Interaction Details report (segments of a transferred call share a Journey ID)",
        signature: ["interactionid", "journeyid", "wrapupcode"],
        mappingCSV: """
        kind,field,from,to
        column,contact_id,Interaction ID,
        column,journey_key,Journey ID,
        column,started_at,Start Time,
        column,channel,Media Type,
        column,direction,Direction,
        column,line,Queue Name,
        column,reason,Wrap Up Code,
        column,outcome,Outcome,
        column,wait_s,Time In Queue,
        column,handle_s,Handling Time,
        column,caller_key,Caller ID,
        value,channel,Phone,phone
        value,channel,Chat,webchat
        value,channel,Email,email
        """, clock: .local, dateOrder: nil, notes: "segments of a journey collapse into one contact")

    static let teamsCallQueue = PlatformProfile(
        name: "teams-call-queue", title: "Microsoft Teams call queue historical report",
        source: "Microsoft Teams Auto Attendant & Call Queue historical report (Power BI template, 'Call Start Time UTC', 'Call Queue Call Result')",
        signature: ["callstarttimeutc", "callqueuecallresult"],
        mappingCSV: """
        kind,field,from,to
        column,contact_id,Call ID,
        column,started_at,Call Start Time UTC,
        column,channel,Call Type,
        column,direction,Call Type,
        column,line,Call Queue Name,
        column,reason,Call Queue Call Result,
        column,outcome,Call Queue Call Result,
        column,wait_s,Call Queue Duration (Seconds),
        column,handle_s,Call Duration (Seconds),
        column,caller_key,Caller Number Hash,
        value,channel,External,phone
        value,channel,Internal,phone
        value,direction,External,inbound
        value,direction,Internal,internal
        value,outcome,agent_joined_conference,answered
        value,outcome,transferred_to_agent,answered
        value,outcome,timed_out,abandoned
        value,outcome,overflown,abandoned
        value,outcome,failed,abandoned
        value,outcome,declined,abandoned
        value,outcome,no_agent,abandoned
        value,outcome,disconnected,abandoned
        """, clock: .utcToLondon, dateOrder: nil,
        notes: "no wrap codes in Teams: the call result stands in as the reason; timestamps are UTC")
}
