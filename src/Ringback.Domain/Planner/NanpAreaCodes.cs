using System.Collections.Frozen;

namespace Ringback.Planner;

/// <summary>Where a North American area code is: its country, state or province, and the zone most of it keeps.</summary>
public sealed record AreaCodePlace(string Country, string Subdivision, string Zone);

/// <summary>
/// North American area codes by state and province (NANPA's assignments), with the time zone most of each keeps.
/// A few area codes span two zones; the zone here is the one most of its numbers keep, and an inferred zone is
/// always shown as inferred. Checked against libphonenumber's data (Debian's python3-phonenumbers) in the tests.
/// </summary>
public static class NanpAreaCodes
{
    private const string Eastern = "America/New_York";
    private const string Central = "America/Chicago";
    private const string Mountain = "America/Denver";
    private const string Pacific = "America/Los_Angeles";

    // (country, subdivision, zone, area codes); later entries override a code's zone within its state.
    private static readonly (string Country, string Subdivision, string Zone, string Codes)[] Table =
    [
        ("US", "AL", Central, "205 251 256 334 659 938"),
        ("US", "AK", "America/Anchorage", "907"),
        ("US", "AZ", "America/Phoenix", "480 520 602 623 928"),
        ("US", "AR", Central, "327 479 501 870"),
        ("US", "CA", Pacific, "209 213 279 310 323 341 350 369 408 415 424 442 510 530 559 562 619 626 628 650 657 661 669 707 714 747 760 805 818 820 831 840 858 909 916 925 949 951"),
        ("US", "CO", Mountain, "303 719 720 970 983"),
        ("US", "CT", Eastern, "203 475 860 959"),
        ("US", "DE", Eastern, "302"),
        ("US", "DC", Eastern, "202 771"),
        ("US", "FL", Eastern, "239 305 321 324 352 386 407 448 561 645 656 689 727 728 754 772 786 813 863 904 941 954"),
        ("US", "FL", Central, "850"),
        ("US", "GA", Eastern, "229 404 470 478 678 706 762 770 912 943"),
        ("US", "HI", "Pacific/Honolulu", "808"),
        ("US", "ID", "America/Boise", "208 986"),
        ("US", "IL", Central, "217 224 309 312 331 447 464 618 630 708 730 773 779 815 847 861 872"),
        ("US", "IN", "America/Indiana/Indianapolis", "260 317 463 574 765 812 930"),
        ("US", "IN", Central, "219"),
        ("US", "IA", Central, "319 515 563 641 712"),
        ("US", "KS", Central, "316 620 785 913"),
        ("US", "KY", Eastern, "502 606 859"),
        ("US", "KY", Central, "270 364"),
        ("US", "LA", Central, "225 318 337 504 985"),
        ("US", "ME", Eastern, "207"),
        ("US", "MD", Eastern, "227 240 301 410 443 667"),
        ("US", "MA", Eastern, "339 351 413 508 617 774 781 857 978"),
        ("US", "MI", "America/Detroit", "231 248 269 313 517 586 616 679 734 810 906 947 989"),
        ("US", "MN", Central, "218 320 507 612 651 763 924 952"),
        ("US", "MS", Central, "228 601 662 769"),
        ("US", "MO", Central, "235 314 417 557 573 636 660 816 975"),
        ("US", "MT", Mountain, "406"),
        ("US", "NE", Central, "308 402 531"),
        ("US", "NV", Pacific, "702 725 775"),
        ("US", "NH", Eastern, "603"),
        ("US", "NJ", Eastern, "201 551 609 640 732 848 856 862 908 973"),
        ("US", "NM", Mountain, "505 575"),
        ("US", "NY", Eastern, "212 315 329 332 347 363 516 518 585 607 624 631 646 680 716 718 838 845 914 917 929 934"),
        ("US", "NC", Eastern, "252 336 472 704 743 828 910 919 980 984"),
        ("US", "ND", Central, "701"),
        ("US", "OH", Eastern, "216 220 234 283 326 330 380 419 436 440 513 567 614 740 937"),
        ("US", "OK", Central, "405 539 572 580 918"),
        ("US", "OR", Pacific, "458 503 541 971"),
        ("US", "PA", Eastern, "215 223 267 272 412 445 484 570 582 610 717 724 814 835 878"),
        ("US", "RI", Eastern, "401"),
        ("US", "SC", Eastern, "803 821 839 843 854 864"),
        ("US", "SD", Central, "605"),
        ("US", "TN", Central, "615 629 731 901 931"),
        ("US", "TN", Eastern, "423 865"),
        ("US", "TX", Central, "210 214 254 281 325 346 361 409 430 432 469 512 682 713 726 737 806 817 830 832 903 936 940 945 956 972 979"),
        ("US", "TX", Mountain, "915"),
        ("US", "UT", Mountain, "385 435 801"),
        ("US", "VT", Eastern, "802"),
        ("US", "VA", Eastern, "276 434 540 571 686 703 757 804 826 948"),
        ("US", "WA", Pacific, "206 253 360 425 509 564"),
        ("US", "WV", Eastern, "304 681"),
        ("US", "WI", Central, "262 274 353 414 534 608 715 920"),
        ("US", "WY", Mountain, "307"),
        ("PR", "PR", "America/Puerto_Rico", "787 939"),
        ("CA", "AB", "America/Edmonton", "368 403 587 780 825"),
        ("CA", "BC", "America/Vancouver", "236 250 257 604 672 778"),
        ("CA", "MB", "America/Winnipeg", "204 431 584"),
        ("CA", "NB", "America/Moncton", "428 506"),
        ("CA", "NL", "America/St_Johns", "709 879"),
        ("CA", "NS", "America/Halifax", "782 902"),
        ("CA", "ON", "America/Toronto", "226 249 289 343 365 382 416 437 519 548 613 647 683 705 742 753 807 905 942"),
        ("CA", "QC", "America/Toronto", "263 354 367 418 438 450 468 514 579 581 819 873"),
        ("CA", "SK", "America/Regina", "306 474 639"),
        ("DO", "DO", "America/Santo_Domingo", "809 829 849"),
        ("JM", "JM", "America/Jamaica", "658 876"),
        ("BS", "BS", "America/Nassau", "242"),
        ("TT", "TT", "America/Port_of_Spain", "868"),
        ("BB", "BB", "America/Barbados", "246"),
        ("BM", "BM", "Atlantic/Bermuda", "441"),
        ("VI", "VI", "America/St_Thomas", "340"),
        ("GU", "GU", "Pacific/Guam", "671"),
    ];

    private static readonly FrozenDictionary<string, AreaCodePlace> ByCode = Build();

    public static IEnumerable<KeyValuePair<string, AreaCodePlace>> All => ByCode;

    /// <summary>The place of a +1 number's area code, or null for a code not assigned to one place (867 spans three territories).</summary>
    public static AreaCodePlace? For(string e164) =>
        e164 is ['+', '1', ..] && e164.Length == 12 ? ByCode.GetValueOrDefault(e164[2..5]) : null;

    private static FrozenDictionary<string, AreaCodePlace> Build()
    {
        var map = new Dictionary<string, AreaCodePlace>();
        foreach (var (country, subdivision, zone, codes) in Table)
        {
            foreach (var code in codes.Split(' '))
            {
                map[code] = new AreaCodePlace(country, subdivision, zone);
            }
        }

        return map.ToFrozenDictionary();
    }
}
