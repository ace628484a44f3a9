// The built-in copy of Models/bank-holidays.csv, so forecast and sample work from any directory.
// Byte-for-byte the same as the Models file (a test keeps them equal): edit the Models file, then copy it here.

enum BankHolidayCatalogue {
    static let file = "Models/bank-holidays.csv (built in)"

    static let csv = #"""
# UK bank and public holidays by nation, as channelshift's forecast and sample use them.
# Source: GOV.UK "UK bank holidays", https://www.gov.uk/bank-holidays (also published as
# https://www.gov.uk/bank-holidays.json), divisions england-and-wales, scotland, northern-ireland; transcribed
# for 2021 to 2027. Includes the one-off days: 3 June 2022 (Platinum Jubilee), 19 September 2022 (State Funeral
# of Queen Elizabeth II), 8 May 2023 (Coronation of King Charles III); and substitute days where a holiday
# falls at a weekend. 2027 follows the standing rules (Banking and Financial Dealings Act 1971 and the
# proclamations): check it against GOV.UK once published.
# Extend it for later years or local closures: one row per nation and date; lines starting with # are comments.
nation,date,name
england-and-wales,2021-01-01,New Year's Day
england-and-wales,2021-04-02,Good Friday
england-and-wales,2021-04-05,Easter Monday
england-and-wales,2021-05-03,Early May bank holiday
england-and-wales,2021-05-31,Spring bank holiday
england-and-wales,2021-08-30,Summer bank holiday
england-and-wales,2021-12-27,Christmas Day (substitute day)
england-and-wales,2021-12-28,Boxing Day (substitute day)
england-and-wales,2022-01-03,New Year's Day (substitute day)
england-and-wales,2022-04-15,Good Friday
england-and-wales,2022-04-18,Easter Monday
england-and-wales,2022-05-02,Early May bank holiday
england-and-wales,2022-06-02,Spring bank holiday
england-and-wales,2022-06-03,Platinum Jubilee bank holiday
england-and-wales,2022-08-29,Summer bank holiday
england-and-wales,2022-09-19,Bank Holiday for the State Funeral of Queen Elizabeth II
england-and-wales,2022-12-26,Boxing Day
england-and-wales,2022-12-27,Christmas Day (substitute day)
england-and-wales,2023-01-02,New Year's Day (substitute day)
england-and-wales,2023-04-07,Good Friday
england-and-wales,2023-04-10,Easter Monday
england-and-wales,2023-05-01,Early May bank holiday
england-and-wales,2023-05-08,Bank holiday for the coronation of King Charles III
england-and-wales,2023-05-29,Spring bank holiday
england-and-wales,2023-08-28,Summer bank holiday
england-and-wales,2023-12-25,Christmas Day
england-and-wales,2023-12-26,Boxing Day
england-and-wales,2024-01-01,New Year's Day
england-and-wales,2024-03-29,Good Friday
england-and-wales,2024-04-01,Easter Monday
england-and-wales,2024-05-06,Early May bank holiday
england-and-wales,2024-05-27,Spring bank holiday
england-and-wales,2024-08-26,Summer bank holiday
england-and-wales,2024-12-25,Christmas Day
england-and-wales,2024-12-26,Boxing Day
england-and-wales,2025-01-01,New Year's Day
england-and-wales,2025-04-18,Good Friday
england-and-wales,2025-04-21,Easter Monday
england-and-wales,2025-05-05,Early May bank holiday
england-and-wales,2025-05-26,Spring bank holiday
england-and-wales,2025-08-25,Summer bank holiday
england-and-wales,2025-12-25,Christmas Day
england-and-wales,2025-12-26,Boxing Day
england-and-wales,2026-01-01,New Year's Day
england-and-wales,2026-04-03,Good Friday
england-and-wales,2026-04-06,Easter Monday
england-and-wales,2026-05-04,Early May bank holiday
england-and-wales,2026-05-25,Spring bank holiday
england-and-wales,2026-08-31,Summer bank holiday
england-and-wales,2026-12-25,Christmas Day
england-and-wales,2026-12-28,Boxing Day (substitute day)
england-and-wales,2027-01-01,New Year's Day
england-and-wales,2027-03-26,Good Friday
england-and-wales,2027-03-29,Easter Monday
england-and-wales,2027-05-03,Early May bank holiday
england-and-wales,2027-05-31,Spring bank holiday
england-and-wales,2027-08-30,Summer bank holiday
england-and-wales,2027-12-27,Christmas Day (substitute day)
england-and-wales,2027-12-28,Boxing Day (substitute day)
scotland,2021-01-01,New Year's Day
scotland,2021-01-04,2nd January (substitute day)
scotland,2021-04-02,Good Friday
scotland,2021-05-03,Early May bank holiday
scotland,2021-05-31,Spring bank holiday
scotland,2021-08-02,Summer bank holiday
scotland,2021-11-30,St Andrew's Day
scotland,2021-12-27,Christmas Day (substitute day)
scotland,2021-12-28,Boxing Day (substitute day)
scotland,2022-01-03,New Year's Day (substitute day)
scotland,2022-01-04,2nd January (substitute day)
scotland,2022-04-15,Good Friday
scotland,2022-05-02,Early May bank holiday
scotland,2022-06-02,Spring bank holiday
scotland,2022-06-03,Platinum Jubilee bank holiday
scotland,2022-08-01,Summer bank holiday
scotland,2022-09-19,Bank Holiday for the State Funeral of Queen Elizabeth II
scotland,2022-11-30,St Andrew's Day
scotland,2022-12-26,Boxing Day
scotland,2022-12-27,Christmas Day (substitute day)
scotland,2023-01-02,New Year's Day (substitute day)
scotland,2023-01-03,2nd January (substitute day)
scotland,2023-04-07,Good Friday
scotland,2023-05-01,Early May bank holiday
scotland,2023-05-08,Bank holiday for the coronation of King Charles III
scotland,2023-05-29,Spring bank holiday
scotland,2023-08-07,Summer bank holiday
scotland,2023-11-30,St Andrew's Day
scotland,2023-12-25,Christmas Day
scotland,2023-12-26,Boxing Day
scotland,2024-01-01,New Year's Day
scotland,2024-01-02,2nd January
scotland,2024-03-29,Good Friday
scotland,2024-05-06,Early May bank holiday
scotland,2024-05-27,Spring bank holiday
scotland,2024-08-05,Summer bank holiday
scotland,2024-12-02,St Andrew's Day (substitute day)
scotland,2024-12-25,Christmas Day
scotland,2024-12-26,Boxing Day
scotland,2025-01-01,New Year's Day
scotland,2025-01-02,2nd January
scotland,2025-04-18,Good Friday
scotland,2025-05-05,Early May bank holiday
scotland,2025-05-26,Spring bank holiday
scotland,2025-08-04,Summer bank holiday
scotland,2025-12-01,St Andrew's Day (substitute day)
scotland,2025-12-25,Christmas Day
scotland,2025-12-26,Boxing Day
scotland,2026-01-01,New Year's Day
scotland,2026-01-02,2nd January
scotland,2026-04-03,Good Friday
scotland,2026-05-04,Early May bank holiday
scotland,2026-05-25,Spring bank holiday
scotland,2026-08-03,Summer bank holiday
scotland,2026-11-30,St Andrew's Day
scotland,2026-12-25,Christmas Day
scotland,2026-12-28,Boxing Day (substitute day)
scotland,2027-01-01,New Year's Day
scotland,2027-01-04,2nd January (substitute day)
scotland,2027-03-26,Good Friday
scotland,2027-05-03,Early May bank holiday
scotland,2027-05-31,Spring bank holiday
scotland,2027-08-02,Summer bank holiday
scotland,2027-11-30,St Andrew's Day
scotland,2027-12-27,Christmas Day (substitute day)
scotland,2027-12-28,Boxing Day (substitute day)
northern-ireland,2021-01-01,New Year's Day
northern-ireland,2021-03-17,St Patrick's Day
northern-ireland,2021-04-02,Good Friday
northern-ireland,2021-04-05,Easter Monday
northern-ireland,2021-05-03,Early May bank holiday
northern-ireland,2021-05-31,Spring bank holiday
northern-ireland,2021-07-12,Battle of the Boyne (Orangemen's Day)
northern-ireland,2021-08-30,Summer bank holiday
northern-ireland,2021-12-27,Christmas Day (substitute day)
northern-ireland,2021-12-28,Boxing Day (substitute day)
northern-ireland,2022-01-03,New Year's Day (substitute day)
northern-ireland,2022-03-17,St Patrick's Day
northern-ireland,2022-04-15,Good Friday
northern-ireland,2022-04-18,Easter Monday
northern-ireland,2022-05-02,Early May bank holiday
northern-ireland,2022-06-02,Spring bank holiday
northern-ireland,2022-06-03,Platinum Jubilee bank holiday
northern-ireland,2022-07-12,Battle of the Boyne (Orangemen's Day)
northern-ireland,2022-08-29,Summer bank holiday
northern-ireland,2022-09-19,Bank Holiday for the State Funeral of Queen Elizabeth II
northern-ireland,2022-12-26,Boxing Day
northern-ireland,2022-12-27,Christmas Day (substitute day)
northern-ireland,2023-01-02,New Year's Day (substitute day)
northern-ireland,2023-03-17,St Patrick's Day
northern-ireland,2023-04-07,Good Friday
northern-ireland,2023-04-10,Easter Monday
northern-ireland,2023-05-01,Early May bank holiday
northern-ireland,2023-05-08,Bank holiday for the coronation of King Charles III
northern-ireland,2023-05-29,Spring bank holiday
northern-ireland,2023-07-12,Battle of the Boyne (Orangemen's Day)
northern-ireland,2023-08-28,Summer bank holiday
northern-ireland,2023-12-25,Christmas Day
northern-ireland,2023-12-26,Boxing Day
northern-ireland,2024-01-01,New Year's Day
northern-ireland,2024-03-18,St Patrick's Day (substitute day)
northern-ireland,2024-03-29,Good Friday
northern-ireland,2024-04-01,Easter Monday
northern-ireland,2024-05-06,Early May bank holiday
northern-ireland,2024-05-27,Spring bank holiday
northern-ireland,2024-07-12,Battle of the Boyne (Orangemen's Day)
northern-ireland,2024-08-26,Summer bank holiday
northern-ireland,2024-12-25,Christmas Day
northern-ireland,2024-12-26,Boxing Day
northern-ireland,2025-01-01,New Year's Day
northern-ireland,2025-03-17,St Patrick's Day
northern-ireland,2025-04-18,Good Friday
northern-ireland,2025-04-21,Easter Monday
northern-ireland,2025-05-05,Early May bank holiday
northern-ireland,2025-05-26,Spring bank holiday
northern-ireland,2025-07-14,Battle of the Boyne (Orangemen's Day) (substitute day)
northern-ireland,2025-08-25,Summer bank holiday
northern-ireland,2025-12-25,Christmas Day
northern-ireland,2025-12-26,Boxing Day
northern-ireland,2026-01-01,New Year's Day
northern-ireland,2026-03-17,St Patrick's Day
northern-ireland,2026-04-03,Good Friday
northern-ireland,2026-04-06,Easter Monday
northern-ireland,2026-05-04,Early May bank holiday
northern-ireland,2026-05-25,Spring bank holiday
northern-ireland,2026-07-13,Battle of the Boyne (Orangemen's Day) (substitute day)
northern-ireland,2026-08-31,Summer bank holiday
northern-ireland,2026-12-25,Christmas Day
northern-ireland,2026-12-28,Boxing Day (substitute day)
northern-ireland,2027-01-01,New Year's Day
northern-ireland,2027-03-17,St Patrick's Day
northern-ireland,2027-03-26,Good Friday
northern-ireland,2027-03-29,Easter Monday
northern-ireland,2027-05-03,Early May bank holiday
northern-ireland,2027-05-31,Spring bank holiday
northern-ireland,2027-07-12,Battle of the Boyne (Orangemen's Day)
northern-ireland,2027-08-30,Summer bank holiday
northern-ireland,2027-12-27,Christmas Day (substitute day)
northern-ireland,2027-12-28,Boxing Day (substitute day)
"""#
}
