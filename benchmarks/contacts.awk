# Prints a HubSpot-shaped contacts CSV of n rows (awk -v n=1000000 -f contacts.awk): two numbers per row in
# mixed written forms, 20,000 companies, 40 industries, a quoted field in every row. Numbers use area codes in
# service (the importer refuses numbers no carrier can have) and never an N11 exchange.
function ac(i) { return codes[1 + i % ncodes] }
function ex(i) { i = 200 + i % 700; if (i % 100 == 11) i++; return i }
BEGIN {
  ncodes = split("201 202 203 205 206 207 208 209 210 212 213 214 215 216 217 218 219 224 225 228 229 231 234 239 240 248 251 252 253 254 256 260 262 267 269 270 276 281 301 302 303 304 305 307 308 309 310 312 313 314 315 316 317 318 319 320 321 323 330 334 336 337 339 347 351 352 360 361 386 401 402 404 405 406 407 408 409 410 412 413 414 415 417 419 423 424 425 432 434 435 440 443 469 470 478 479 480 484 501 502 503 504 505 507 508 509 510 512 513 515 516 517 518 520 530 540 541 551 559 561 562 563 570 571 573 574 575 580 585 586 601 602 603 605 606 607 608 609 610 612 614 615 616 617 618 619 620 623 626 630 631 636 641 646 650 651 660 661 662 678 701 702 703 704 706 707 708 712 713 714 715 716 717 718 719 720 724 727 731 732 734 740 754 757 760 763 765 770 772 773 774 775 781 785 786 801 802 803 804 805 806 808 810 812 813 814 815 816 817 818 828 830 831 832 843 845 847 850 856 857 858 859 860 862 863 864 865 870 901 903 904 906 907 908 909 910 912 913 914 915 916 917 918 919 920 925 928 931 936 937 940 941 949 951 952 954 956 970 971 972 973 978 979 980 985 989", codes, " ")
  print "First Name,Last Name,Email,Phone Number,Mobile Phone Number,Company Name,Job Title,Industry,Lead Status,Notes"
  for (i = 0; i < n; i++)
    printf "First%d,Last%d,p%d@example.com,(%03d) %03d-%04d,+1 %03d %03d %04d,Company %d,VP Sales,Industry %d,New,\"Met at expo, booth %d\"\n",
      i, i, i, ac(i), ex(int(i / 10000)), i % 10000, ac(i + 100), ex(100 + int(i / 7)), i % 10000, i % 20000, i % 40, i
}
