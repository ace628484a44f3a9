// The built-in wrap-code taxonomy the sample generator uses when no --taxonomy is given.
// It is a byte-for-byte copy of Models/wrap-codes.csv (a test keeps them equal), so `channelshift sample`
// works from any directory and the sample's reasons always match the committed taxonomy.

enum SampleCatalogue {
    static let file = "Models/wrap-codes.csv (built in)"

    static func taxonomy() throws(ToolError) -> Taxonomy {
        try Taxonomy.parse(CSVTable.parse(Array(taxonomyCSV.utf8), file: file))
    }

    static let taxonomyCSV = #"""
line,reason,demand_class,failure_type,self_serve,digital_route
Recycling and Waste,Missed Collection,failure,progress_chasing,full,/bins/report-missed-collection
Revenues and Benefits,Council Tax Payment,value,none,full,/council-tax/pay
Recycling and Waste,Garden Waste Subscription,value,none,full,/bins/garden-waste-subscription
Transport for Bucks,"Roads, Pavements, Verges",value,none,full,/roads/report-a-problem
Recycling and Waste,New or Replacement Bin,value,none,full,/bins/order-a-bin
Revenues and Benefits,Council Tax Moving Home,value,none,partial,/council-tax/moving-home
Adult Social Care,New Referral,value,none,none,/adult-social-care/ask-for-help
Transport for Bucks,Potholes,value,none,full,/roads/report-a-pothole
Revenues and Benefits,"Recovery, Summons and Arrears",failure,information,none,/council-tax/arrears
School Admissions,In-Year Application,value,none,full,/schools/in-year-application
Recycling and Waste,Missed Collection (too early/late to report),failure,information,full,/bins/report-missed-collection
Transport for Bucks,Lost & replacement passes,value,none,partial,/travel/replacement-bus-pass
Waste Management,Household Recycling Centre Permit,value,none,full,/recycling-centres/permits
Revenues and Benefits,Housing Benefit Claim,value,none,partial,/benefits/housing-benefit-claim
Adult Social Care,Care Assessment Follow-up,failure,progress_chasing,none,/adult-social-care/assessments
Recycling and Waste,Bulky Waste Collection,value,none,full,/bins/bulky-waste
Transport for Bucks,Street Lighting,value,none,full,/roads/report-a-street-light
Parking Services,Resident Permit,value,none,partial,/parking/resident-permits
Revenues and Benefits,Council Tax Reduction,value,none,partial,/council-tax/reduction
Telecare,Equipment Fault,failure,error_correction,none,/telecare/report-a-fault
School Admissions,Secondary Transfer Test,value,none,partial,/schools/secondary-transfer-test
Client Transport,Booking Change,value,none,partial,/client-transport/change-a-booking
Transport for Bucks,Traffic Calming/Road Markings/Access Protection markings,value,none,partial,/roads/road-markings
Waste Management,Fly-tipping Report,value,none,full,/waste/report-fly-tipping
Customer Complaints,Complaint Progress Chase,failure,progress_chasing,partial,/complaints/track-a-complaint
Revenues and Benefits,Council Tax Single Person Discount,value,none,full,/council-tax/single-person-discount
Adult Social Care,Financial Assessment,value,none,none,/adult-social-care/financial-assessment
Transport for Bucks,Bus Pass Application,value,none,partial,/travel/bus-pass
Parking Services,Blue Badge Application,value,none,partial,/parking/blue-badge
Registrars,Birth Registration Appointment,value,none,partial,/registrars/register-a-birth
SEN,EHCP Application,value,none,none,/send/request-an-ehcp
Recycling and Waste,Collection Day Query,failure,information,full,/bins/collection-day
Customer Complaints,Log Complaint,failure,error_correction,partial,/complaints/make-a-complaint
Finance Service Desk,Supplier Payment Query,failure,progress_chasing,partial,/business/supplier-payments
Adult Learning,Course Enrolment,value,none,full,/adult-learning/enrol
Registrars,Death Registration,value,none,none,/registrars/register-a-death
Transport for Bucks,Trees and Hedges,value,none,full,/roads/report-trees-and-hedges
Client Transport,Driver Late / No Show,failure,progress_chasing,none,/client-transport
School Admissions,School Transport Eligibility,failure,information,partial,/schools/transport-eligibility
Telecare,Alarm Installation,value,none,none,/telecare/apply
Parking Services,Penalty Charge Notice Appeal,value,none,partial,/parking/challenge-a-pcn
Registrars,Certificate Copies,value,none,full,/registrars/certificates
Revenues and Benefits,Business Rates,value,none,partial,/business-rates
Adult Social Care,Direct Payments,value,none,none,/adult-social-care/direct-payments
Recycling and Waste,Assisted Collection,value,none,none,/bins/assisted-collection
SEN,EHCP Annual Review,failure,progress_chasing,none,/send/annual-reviews
Finance Service Desk,Invoice Query,failure,information,partial,/business/invoices
Waste Management,Commercial Waste,value,none,partial,/business/commercial-waste
School Admissions,Primary Admission Round,value,none,full,/schools/primary-admissions
Adult Learning,"Course Fees, Refunds",failure,error_correction,partial,/adult-learning/fees-and-refunds
Telecare,"Charges for ""Lifeline"" service",failure,information,none,/telecare/charges
Adult Social Care,Safeguarding Concern,value,none,none,/adult-social-care/report-a-concern
Client Transport,Eligibility Query,failure,information,partial,/client-transport/eligibility
SEN,SEN Transport,value,none,none,/send/transport
Registrars,Ceremony Booking,value,none,partial,/registrars/ceremonies
School Admissions,Appeals,value,none,none,/schools/admission-appeals
Finance Service Desk,Debt Repayment Plan,value,none,partial,/pay/repayment-plan
Waste Management,Abandoned Vehicle,value,none,full,/waste/report-an-abandoned-vehicle
Telecare,Cancel Service,value,none,partial,/telecare/cancel
Transport for Bucks,"Gritting, Snow and Ice",failure,information,full,/roads/gritting
Adult Learning,Course Cancellation,value,none,partial,/adult-learning/cancel-a-course
Customer Complaints,Compliment,value,none,partial,/complaints/compliments
"""#
}
