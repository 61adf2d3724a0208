package cite

// Strata's extensions to CSL items: whether a reference was checked against its
// record, and a correction where the source listed it wrongly. They are not CSL
// variables, so the exports leave them out.

// Reference statuses.
const (
	// Verified: someone checked the reference against its record (DOI, PMID or
	// URL in Checked).
	Verified = "verified"
	// AsListed: the reference is given as the source listed it, unchecked. It is
	// the default.
	AsListed = "as-listed"
)

// Checked records what a verified reference was checked against, and when.
type Checked struct {
	DOI  string `yaml:"doi"`
	PMID string `yaml:"pmid"`
	URL  string `yaml:"url"`
	Date string `yaml:"date"` // YYYY-MM-DD
}

// Correction is what a reference really is when the source listed it wrongly:
// the corrected citation, its identifiers, and a note on which record was checked.
type Correction struct {
	Text string `yaml:"text"`
	DOI  string `yaml:"doi"`
	PMID string `yaml:"pmid"`
	Note string `yaml:"note"`
}

// Runs is the corrected citation followed by links to its record, spaces
// included.
func (c Correction) Runs() []Run {
	var runs runList
	runs.add(Run{Text: c.Text})
	runs.addDOI(c.DOI)
	runs.addPMID(c.PMID)
	return runs
}

// IsVerified reports whether the reference was checked against its record.
func (r Reference) IsVerified() bool { return r.Status == Verified }
