"""The open vocabulary of classification fields: known values and well-known synonyms.

A classification field only sorts a fact into a category (a sector, a channel type, a refund
method). Real organisations use more words than any list holds, so these fields accept any text:
a known value is used as is, a synonym is read as its known value (with a note), and anything
else is kept out of the audit with a warning naming the closest known value
(see cxaudit.vocabulary). The process schema lists the same known values, so editors complete
them; tests/test_vocabulary.py keeps the two in step.

Field paths use `[]` for "every item of this list": `channels[].purposes[]`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from cxaudit.i18n import N_


@dataclass(frozen=True)
class Term:
    """One classification field: its known values, synonyms and hint-only neighbours."""

    path: str
    label: str  # how a sentence names the field: "sector", "channel type"
    known: tuple[str, ...]
    synonyms: Mapping[str, str] = field(default_factory=dict)
    near: Mapping[str, str] = field(default_factory=dict)  # close in meaning, not the same


def _syn(**groups: str) -> dict[str, str]:
    """{known: "synonym synonym ..."} -> {synonym: known}."""
    return {s: known for known, words in groups.items() for s in words.split()}


_STATUS = _syn(
    draft="planned proposed wip work_in_progress in_preparation",
    pilot="trial beta test testing soft_launch pilot_phase",
    active="live production published current in_force approved in_use operational",
    under_review="review in_review being_reviewed reviewing",
    retired="archived deprecated inactive obsolete superseded decommissioned discontinued",
)

_SECTOR = _syn(
    retail_ecommerce="retail ecommerce e_commerce online_retail online_shop online_store webshop "
                     "shop grocery supermarket grocery_retail food_retail fashion_retail",
    marketplace="online_marketplace platform",
    bank="banking retail_banking credit_union building_society neobank savings_bank",
    insurance="insurer insurance_company insurtech",
    telecom="telecommunications telecoms telco isp internet_provider mobile_operator broadband",
    utility="utilities energy electricity gas water energy_supplier power",
    restaurant="restaurants food_service foodservice catering fast_food qsr "
               "quick_service_restaurant cafe",
    cinema="cinemas movie_theater movie_theatre movie_theaters movie_theatres",
    hospitality="hotel hotels lodging accommodation",
    travel="airline airlines aviation tour_operator travel_agency tourism",
    healthcare="health health_care hospital clinic medical healthcare_provider dental",
    education="edtech school university higher_education training e_learning",
    public_sector="government public_administration municipality public_service "
                  "government_agency",
    logistics="courier parcel_delivery delivery shipping postal freight",
    automotive="car_dealer car_dealership dealership auto motor vehicles car_manufacturer",
    pharmacy="pharmacies drugstore chemist",
    manufacturing="industrial manufacturer",
    wholesale="distribution distributor",
    real_estate="property property_management housing realestate",
    media="publishing news streaming broadcasting",
    gaming="games video_games esports",
    fitness="gym gyms health_club sports_club",
    nonprofit="charity non_profit ngo not_for_profit",
    professional_services="consulting legal_services accounting",
    public_transport="transit public_transit railway rail bus transport",
)

_CUSTOMER_TYPE = _syn(
    b2c="consumer consumers private d2c dtc direct_to_consumer retail retail_customers "
        "private_customers individuals households personal",
    b2b="business businesses enterprise corporate smb sme commercial",
    mixed="b2b2c both b2b_b2c b2c_b2b b2b_and_b2c b2c_and_b2b hybrid",
    b2g="government public_sector",
)

_SELLS = _syn(
    physical_goods="goods products physical_products physical merchandise hardware devices "
                   "equipment",
    digital_goods="digital downloads digital_content software software_licenses apps ebooks",
    services="service consulting repairs maintenance installation",
    subscriptions="subscription memberships membership recurring saas",
    food="groceries perishables perishable_goods meals food_and_drink beverages drinks "
         "fresh_food",
    tickets="ticket event_tickets travel_tickets admissions",
    rentals="rental leasing lease hire rent",
    financial_services="financial_products banking_products accounts current_accounts loans "
                       "credit mortgages insurance_policies policies payment_services",
)

_COVERAGE = _syn(
    none="no closed nothing no_coverage unstaffed",
    bot="chatbot virtual_agent ai ai_agent automated automation ivr self_service",
    voicemail="answering_machine message leave_a_message voice_mail",
    on_call="oncall standby pager duty_manager emergency_line",
    outsourced="outsourcing bpo answering_service partner third_party external",
    staffed="24_7 24x7 247 round_the_clock always_staffed follow_the_sun night_shift",
)

_COUNTS = _syn(
    human="agent human_reply human_agent person",
    any_public_reply="any any_reply automatic auto_reply any_response",
)

_CHANNEL_TYPE = _syn(
    email="e_mail",
    web_form="contact_form webform form online_form",
    chat="live_chat livechat webchat web_chat chat_widget chatbot",
    phone="hotline call_center call_centre callcenter contact_center contact_centre telephone "
          "tel voice helpline ivr phone_line telephony call calls",
    video="video_call video_chat videocall video_consultation",
    messenger="whatsapp whatsapp_business telegram viber signal wechat line facebook_messenger "
              "imessage apple_messages apple_business_chat rcs kakaotalk threema "
              "instant_messaging im",
    social="twitter x facebook instagram linkedin tiktok youtube social_media vk vkontakte",
    sms="text text_message texting mms",
    in_app="app mobile_app in_app_messaging in_app_chat app_chat",
    community="forum community_forum user_forum",
    store="shop branch retail_store in_store in_person walk_in counter service_desk showroom "
          "outlet kiosk box_office ticket_office front_desk reception",
    app_review="app_store app_store_review app_reviews google_play play_store",
    letter="post postal postal_mail snail_mail",
)

_MODE = {**dict.fromkeys(("asynchronous", "written", "offline"), "async"),
         **dict.fromkeys(("synchronous", "live", "real_time", "realtime"), "sync")}

_PURPOSE = _syn(
    support="customer_service service customer_support customer_care care help helpdesk "
            "help_desk technical_support tech_support it_support inquiries enquiries questions "
            "general general_enquiries after_sales aftersales fraud fraud_reports",
    complaints="complaint grievances grievance",
    returns="return refunds refund exchanges exchange rma returns_and_refunds",
    cancellations="cancellation cancel terminations termination contract_termination",
    billing="invoices invoicing payments payment billing_enquiries",
    claims="claim warranty warranty_claims insurance_claims",
    bookings="reservations reservation booking appointments appointment",
    feedback="surveys suggestions ideas",
    sales="sale presales pre_sales new_business upsell leads ordering orders",
    marketing="promotions newsletter advertising campaigns promotion announcements broadcast",
)

_OPERATOR = _syn(
    in_house="internal inhouse own_staff own_team employees staff",
    outsourced="bpo outsourcing third_party partner call_center_partner contact_center_partner "
               "external",
    bot="chatbot ai ai_agent virtual_agent automation automated ivr",
    seller="marketplace_seller merchant merchants sellers",
    franchisee="franchise franchisees franchise_partner dealer dealers",
)

_OFFLINE = _syn(
    none="closed off no nothing unavailable",
    message="voicemail leave_message leave_a_message contact_form form email ticket",
    callback="call_back callback_request call_me_back",
)

_COST = _syn(
    free="freephone toll_free tollfree free_call freecall free_of_charge no_charge gratis 0800 "
         "0808 800 1800 8800",
    standard_rate="local_rate geographic basic_rate standard normal national_rate national "
                  "regular landline",
    premium="premium_rate paid surcharge premium_number value_added",
)

_ESCALATION = _syn(
    functional="technical skills_based expertise horizontal",
    hierarchical="management managerial hierarchic vertical",
    hybrid="mixed both combined functional_and_hierarchical",
)
_LEVEL = {k: v for k, v in _ESCALATION.items() if v != "hybrid"}

_TRIGGER_ON = _syn(
    breach="sla_breach on_breach breached violation sla_violation overdue missed_target",
    before_breach="warning pre_breach approaching_breach near_breach sla_warning at_risk",
    creation="created new on_creation open opened",
    manual="on_request request customer_request ad_hoc discretion judgement",
)

_BURDEN = _syn(
    company="business merchant seller trader us provider supplier bank insurer retailer shop",
    customer="consumer client claimant",
    shared="both joint split",
)

_WINDOW_STARTS = _syn(
    delivery="receipt received receipt_of_goods delivered delivery_date arrival handover",
    purchase="sale payment purchase_date bought",
    order="order_date ordering checkout order_placed",
    dispatch="shipment shipping shipped dispatched dispatch_date shipping_date",
)

_METHODS = _syn(
    drop_off="post postal by_post mail post_office parcel_shop parcelshop drop_off_point dropoff "
             "carrier_drop_off service_point pudo",
    courier_pickup="pickup pick_up collection home_pickup courier courier_collection collect",
    in_store="store instore shop branch in_person",
    locker="parcel_locker packstation lockers pickup_locker",
)

_LABEL_SCOPE = _syn(
    all="everyone always all_returns any",
    defective_only="faulty_only defects_only defective faulty damaged_only",
)

_LABEL_DELIVERY = _syn(
    in_parcel="included in_box in_package in_the_box printed",
    download="email pdf print_at_home printable online portal",
    on_request="request upon_request by_request",
    qr_code="qr qrcode label_free paperless printerless",
)

_REFUND_EVENTS = _syn(
    carrier_scan="scan carrier_handover tracking_scan first_scan",
    drop_off="dropoff",
    receipt="received arrival warehouse_receipt goods_received return_received",
    inspection="inspected quality_check checked approval approved",
)
_DEADLINE_FROM = {**_REFUND_EVENTS, **_syn(
    withdrawal_notice="notice cancellation_notice withdrawal return_request",
    claim="claim_date complaint complaint_date",
)}

_REFUND_METHOD = _syn(
    original_payment="original_payment_method same_payment_method original_method original card "
                     "original_card card_refund refund_to_card same_means",
    store_credit="credit store_credits account_credit credit_note wallet in_store_credit",
    voucher="gift_card gift_voucher coupon voucher_code gift_certificate",
    bank_transfer="transfer wire wire_transfer iban sepa bank bank_account",
    cash="cash_refund",
    cheque="check",
    customer_choice="choice customer_preference customers_choice",
)

_SURVEY_TYPE = _syn(
    nps="net_promoter net_promoter_score promoter_score tnps rnps transactional_nps "
        "relationship_nps",
    csat="satisfaction customer_satisfaction csat_survey ticket_rating satisfaction_survey",
    ces="effort customer_effort customer_effort_score effort_score",
)

_SURVEY_MODE = _syn(
    transactional="event event_driven touchpoint post_interaction post_contact triggered "
                  "after_contact tnps transactional_nps",
    relationship="periodic annual quarterly pulse relational brand rnps relationship_nps",
)

_MANDATE = _syn(
    cross_functional="company_wide enterprise_wide end_to_end organisation_wide "
                     "organization_wide",
    support_only="support service_only contact_centre_only contact_center_only care_only",
    advisory="consultative advice advisory_only informal",
)

_HOSTING = _syn(
    on_premise="on_prem onprem on_premises self_hosted",
    hosted="managed private_cloud managed_hosting",
    saas="software_as_a_service vendor_cloud",
)

_PURPOSES = ("support", "complaints", "returns", "cancellations", "billing", "claims", "bookings",
             "feedback", "sales", "marketing")
_EVENTS = ("carrier_scan", "drop_off", "receipt", "inspection")

TERMS: tuple[Term, ...] = (
    Term("process.status", N_("status"), ("draft", "pilot", "active", "under_review", "retired"),
         _STATUS),
    Term("organization.sector", N_("sector"), (
        "retail_ecommerce", "marketplace", "bank", "insurance", "telecom", "utility", "saas_b2b",
        "saas_b2c", "restaurant", "cinema", "hospitality", "travel", "healthcare", "education",
        "public_sector", "logistics", "automotive", "pharmacy", "manufacturing", "wholesale",
        "real_estate", "media", "gaming", "fitness", "nonprofit", "professional_services",
        "public_transport", "other"), _SECTOR,
        {"fintech": "bank", "payments": "bank", "saas": "saas_b2b", "software": "saas_b2b",
         "food_delivery": "marketplace", "entertainment": "cinema", "leisure": "hospitality"}),
    Term("organization.customer_type", N_("customer type"), ("b2c", "b2b", "mixed", "b2g"),
         _CUSTOMER_TYPE, {k: "b2c" for k in ("citizens", "members", "patients", "students",
                                             "guests", "passengers")}),
    Term("organization.sells[]", N_("kind of goods"), (
        "physical_goods", "digital_goods", "services", "subscriptions", "food", "tickets",
        "rentals", "financial_services"), _SELLS),
    Term("business_hours.after_hours.coverage", N_("after-hours coverage"), (
        "none", "bot", "voicemail", "on_call", "outsourced", "staffed"), _COVERAGE),
    Term("sla_policies[].first_response_counts", N_("first-response rule"),
         ("human", "any_public_reply"), _COUNTS),
    Term("channels[].sla.first_response_counts", N_("first-response rule"),
         ("human", "any_public_reply"), _COUNTS),
    Term("channels[].type", N_("channel type"), (
        "email", "web_form", "chat", "phone", "video", "messenger", "social", "sms", "in_app",
        "community", "store", "app_review", "letter"), _CHANNEL_TYPE,
        {"mail": "email", "reviews": "app_review", "trustpilot": "app_review"}),
    Term("channels[].mode", N_("channel mode"), ("async", "sync"), _MODE),
    Term("channels[].purposes[]", N_("purpose"), _PURPOSES, _PURPOSE),
    Term("channels[].completes[]", N_("purpose"), tuple(p for p in _PURPOSES if p != "marketing"),
         {k: v for k, v in _PURPOSE.items() if v != "marketing"}),
    Term("channels[].operated_by", N_("operator"), (
        "in_house", "outsourced", "agency", "seller", "bot", "franchisee"), _OPERATOR,
        {"vendor": "outsourced"}),
    Term("channels[].offline_mode", N_("offline mode"), ("none", "message", "callback"), _OFFLINE),
    Term("channels[].phone.cost", N_("call cost"), ("free", "standard_rate", "premium"), _COST),
    Term("escalation.policy", N_("escalation policy"), ("functional", "hierarchical", "hybrid"),
         _ESCALATION),
    Term("escalation.levels[].type", N_("escalation type"), ("functional", "hierarchical"), _LEVEL),
    Term("escalation.levels[].trigger.on", N_("escalation trigger"), (
        "before_breach", "breach", "creation", "manual"), _TRIGGER_ON),
    Term("complaints.burden_of_proof", N_("burden of proof"), ("company", "customer", "shared"),
         _BURDEN),
    Term("returns.window_starts", N_("start of the return window"), (
        "delivery", "purchase", "order", "dispatch"), _WINDOW_STARTS),
    Term("returns.methods[]", N_("return method"), ("drop_off", "courier_pickup", "in_store",
                                                "locker"), _METHODS),
    Term("returns.prepaid_label.applies_to", N_("label scope"), ("all", "defective_only"),
         _LABEL_SCOPE),
    Term("returns.prepaid_label.delivery", N_("label delivery"), (
        "in_parcel", "download", "on_request", "qr_code"), _LABEL_DELIVERY),
    Term("returns.refund.trigger", N_("refund trigger"), _EVENTS, _REFUND_EVENTS),
    Term("returns.refund.deadline_from", N_("refund deadline start"),
         ("withdrawal_notice", "claim", *_EVENTS), _DEADLINE_FROM),
    Term("returns.refund.default_method", N_("refund method"), (
        "original_payment", "store_credit", "voucher", "bank_transfer", "cash", "cheque",
        "customer_choice"), _REFUND_METHOD),
    Term("returns.defective.deadline_from", N_("refund deadline start"),
         ("withdrawal_notice", "claim", *_EVENTS), _DEADLINE_FROM),
    Term("feedback.surveys[].type", N_("survey type"), ("nps", "csat", "ces"), _SURVEY_TYPE),
    Term("feedback.surveys[].mode", N_("survey mode"), ("transactional", "relationship"),
         _SURVEY_MODE),
    Term("ownership.cx_owner.mandate", N_("mandate"), ("cross_functional", "support_only",
                                                   "advisory"), _MANDATE),
    Term("complaints.acknowledge_by", N_("way of acknowledging"), ("written", "phone", "in_person"),
         _syn(written="email e_mail letter sms message mail post in_writing",
              phone="call phone_call callback telephone",
              in_person="counter in_store face_to_face verbal")),
    Term("data.systems[].hosting", N_("hosting"), ("saas", "on_premise", "hosted"), _HOSTING,
         {"cloud": "saas"}),
)

__all__ = ["TERMS", "Term"]
