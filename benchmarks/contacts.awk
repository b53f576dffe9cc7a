# Prints a HubSpot-shaped contacts CSV of n rows (awk -v n=1000000 -f contacts.awk): two numbers per row in
# mixed written forms, 20,000 companies, 40 industries, a quoted field in every row.
function ac(i) { i = 200 + i % 700; if (i % 100 == 11) i++; return i }
BEGIN {
  print "First Name,Last Name,Email,Phone Number,Mobile Phone Number,Company Name,Job Title,Industry,Lead Status,Notes"
  for (i = 0; i < n; i++)
    printf "First%d,Last%d,p%d@example.com,(%03d) %03d-%04d,+1 %03d %03d %04d,Company %d,VP Sales,Industry %d,New,\"Met at expo, booth %d\"\n",
      i, i, i, ac(i), 200 + int(i / 10000) % 700, i % 10000, ac(i + 100), 300 + int(i / 7) % 600, i % 10000, i % 20000, i % 40, i
}
