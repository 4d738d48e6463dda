package compose

import (
	"strings"

	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/infra"
	"github.com/prodgrade/prodgrade/internal/rules"
	"github.com/prodgrade/prodgrade/internal/source/compose"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "compose-volume-backup",
		Item:     checklist.Backup,
		Severity: checklist.High,
		Title:    "Volumes that hold data, and databases, are backed up on a schedule by a backup service",
		Why: "A Docker volume is a directory on one host's disk: a failed disk, a lost host, " +
			"`docker compose down -v`, a bad migration or ransomware destroys the data for good when nothing " +
			"copies it elsewhere on a schedule. A database with no volume keeps its data inside its container, " +
			"which is worse: it is gone with the container's volumes.",
		Fix: `services:
  backup:
    image: offen/docker-volume-backup:v2.43.0
    environment:
      BACKUP_CRON_EXPRESSION: "0 2 * * *"
      BACKUP_RETENTION_DAYS: "14"
      AWS_S3_BUCKET_NAME: shop-backups
    volumes:
      - db-data:/backup/db-data:ro
# or dump the database: prodrigestivill/postgres-backup-local, tiredofit/db-backup`,
		References: []string{
			"https://docs.docker.com/engine/storage/volumes/#back-up-restore-or-migrate-data-volumes",
			"https://offen.github.io/docker-volume-backup/",
			"https://github.com/prodrigestivill/docker-postgres-backup-local",
		},
		Kinds:         []string{compose.KindVolume, compose.KindService},
		CrossResource: true,
		Check:         checkVolumeBackup,
	})
}

// checkVolumeBackup grades a named volume that holds data (see
// opsHoldsData: the data directory of a database, an application's
// content, or a data path such as /data or /var/lib/<app>), and a
// database service whose data is not in a named volume (in a bind mount,
// or in the container). Caches, build output, logs, configuration and
// read-only mounts are not data.
//
// A backup is a service of the project that backs it up (a volume-backup
// image, restic, borg, a service named for backups) mounting the same
// volume or host directory, or a database-dump service (postgres-backup,
// db-backup, …) that reaches the database by its service name. Its
// schedule must show: the known backup images schedule themselves; a tool
// with no cron variable, cron daemon or job-scheduler label may run only
// by hand, which is unknown.
func checkVolumeBackup(c *rules.Check) {
	if c.R.Kind == compose.KindVolume {
		checkNamedVolumeBackup(c)
		return
	}
	checkDatabaseServiceBackup(c)
}

func checkNamedVolumeBackup(c *rules.Check) {
	var data []opsMount
	for _, svc := range c.Graph.Referrers(c.R, compose.KindService, "volumes") {
		for _, m := range opsMounts(svc) {
			if m.typ != "volume" || m.source != c.R.Name {
				continue
			}
			if ok, _ := opsHoldsData(c.Graph, m); ok {
				data = append(data, m)
			}
		}
	}
	if len(data) == 0 {
		return
	}
	covers := func(b opsBackup) bool {
		for _, m := range opsMounts(b.svc) {
			if m.typ == "volume" && m.source == c.R.Name {
				return true
			}
		}
		return opsDumps(c.Graph, b, data)
	}
	if opsBackupFound(c, covers) {
		return
	}
	for _, m := range data {
		if opsLabelBackup(c, m.svc) {
			return
		}
	}
	m := data[0]
	img := opsImage(c.Graph, m.svc)
	if img == "" {
		img = "its own image"
	}
	_, why := opsHoldsData(c.Graph, m)
	what := "volume " + c.R.Name + " holds data (" + why + ")"
	if ext, _ := c.R.Attrs.Get("external").Bool(); ext {
		c.UnknownBecause(what + ", and no service of the project backs it up; it is external, created outside the project, and may be backed up where it is managed")
		return
	}
	if remote := opsRemoteVolume(c.R); remote != "" {
		c.UnknownBecause(what + ", and no service of the project backs it up; it is stored by " + remote + ", whose snapshots are configured outside the project")
		return
	}
	c.Fail("", "volume %s holds data (service %s, %s, mounts it at %s), and no service of the project backs it up: looked for a backup service mounting it (offen/docker-volume-backup, restic, borg, …) and a database-dump service reaching %s; add one with a schedule",
		c.R.Name, m.svc.Name, img, m.target, m.svc.Name)
}

// checkDatabaseServiceBackup grades a database whose data is not in a
// named volume (a named volume is graded as the volume).
func checkDatabaseServiceBackup(c *rules.Check) {
	img := opsImage(c.Graph, c.R)
	if img == "" || !opsIsDatabase(img) || !longRunning(c) {
		return
	}
	kv := opsImageIs(img, opsKeyValueStores...)
	for _, t := range c.R.Attrs.Get("tmpfs").List() {
		if target, _, _ := strings.Cut(str(t), ":"); !opsScratchTarget(target) {
			return // data on purpose in memory: a test or a cache
		}
	}
	var binds []opsMount
	for _, m := range opsMounts(c.R) {
		if m.typ == "tmpfs" && !opsScratchTarget(m.target) {
			return // data on purpose in memory: a test or a cache
		}
		ok, _ := opsHoldsData(c.Graph, m)
		if !ok {
			continue
		}
		if m.typ == "volume" && m.source != "" {
			return // graded as the volume
		}
		if m.typ == "bind" {
			binds = append(binds, m)
		}
	}
	if _, aof := opsRedisPersistence(c.R); kv && len(binds) == 0 && !aof {
		return // a redis with no volume and no append-only log is used as a cache
	}
	self := []opsMount{{svc: c.R}}
	covers := func(b opsBackup) bool {
		for _, bm := range opsMounts(b.svc) {
			for _, m := range binds {
				if bm.typ == "bind" && m.typ == "bind" && (bm.source == m.source || strings.HasPrefix(m.source, strings.TrimSuffix(bm.source, "/")+"/")) {
					return true
				}
			}
		}
		return opsDumps(c.Graph, b, self)
	}
	if opsBackupFound(c, covers) || opsLabelBackup(c, c.R) {
		return
	}
	if len(binds) > 0 {
		m := binds[0]
		c.Fail(m.path(), "service %s (%s) keeps its data in host directory %s (mounted at %s), and no service of the project backs it up: looked for a backup service mounting that directory and a database-dump service reaching %s; add one with a schedule",
			c.R.Name, img, opsShortPath(c, m.source), m.target, c.R.Name)
		return
	}
	c.Fail("", "service %s (%s) mounts no volume for its data, so it lives inside the container (an anonymous volume or the container's own layer) and nothing backs it up; mount a named volume and back it up, or add a database-dump service", c.R.Name, img)
}

// opsBackupFound looks among the project's services for a backup that
// covers the data; it records a pass, or an unknown for a backup with no
// schedule the project shows, and reports whether it recorded anything.
func opsBackupFound(c *rules.Check, covers func(opsBackup) bool) bool {
	var unscheduled []string
	for _, svc := range opsServices(c.Graph) {
		if svc == c.R {
			continue
		}
		b, ok := opsBackupService(c.Graph, svc)
		if !ok || !covers(b) {
			continue
		}
		if b.scheduled {
			c.Pass("service %s (%s) backs it up on a schedule", svc.Name, b.image)
			return true
		}
		unscheduled = append(unscheduled, svc.Name)
	}
	if len(unscheduled) > 0 {
		c.UnknownBecause("service " + strings.Join(unscheduled, ", ") + " backs it up, but nothing in the project shows a schedule " +
			"(no cron variable, cron daemon or job-scheduler label); if something runs it regularly, this is met")
		return true
	}
	return false
}

// opsLabelBackup looks for a dump that a scheduler runs inside the data's
// service, told by its labels: docker-volume-backup.exec-pre (or
// archive-pre) running a dump before offen/docker-volume-backup archives,
// or an ofelia job-exec with a schedule running a dump or a backup. It
// records a pass when the scheduler runs in the project, an unknown when
// it does not (it may run on the host), and reports whether it recorded
// anything.
func opsLabelBackup(c *rules.Check, svc *infra.Resource) bool {
	dump := func(s string) bool { return strings.Contains(s, "dump") || strings.Contains(s, "backup") }
	var offenLabel, ofeliaJob string
	labels := svc.Attrs.Get("labels")
	for _, f := range labels.Fields() {
		switch {
		case (f.Name == "docker-volume-backup.exec-pre" || f.Name == "docker-volume-backup.archive-pre") && dump(str(f.Value)):
			offenLabel = f.Name
		case strings.HasPrefix(f.Name, "ofelia.job-exec.") && strings.HasSuffix(f.Name, ".command") && dump(str(f.Value)):
			job := strings.TrimSuffix(f.Name, ".command")
			if labels.Has(job + ".schedule") {
				ofeliaJob = job
			}
		}
	}
	if offenLabel == "" && ofeliaJob == "" {
		return false
	}
	for _, other := range opsServices(c.Graph) {
		repo, _, _ := opsImageRef(opsImage(c.Graph, other))
		switch {
		case offenLabel != "" && repo == "offen/docker-volume-backup":
			c.Pass("label %s on service %s dumps it before service %s backs up on a schedule", offenLabel, svc.Name, other.Name)
			return true
		case ofeliaJob != "" && (repo == "mcuadros/ofelia" || repo == "netresearch/ofelia" || repo == "premoweb/chadburn"):
			c.Pass("the %s labels on service %s run a backup that service %s schedules", ofeliaJob, svc.Name, other.Name)
			return true
		}
	}
	label := offenLabel
	if label == "" {
		label = ofeliaJob
	}
	c.UnknownBecause("the " + label + " label of service " + svc.Name + " runs a dump, but the scheduler that acts on it does not run in the project; if it runs on the host, this is met")
	return true
}

// opsDumps reports a backup service that dumps one of the databases
// holding data: the backup is not one that only copies files, the data's
// service runs a database image, and the backup reaches it by its service
// name (depends_on, links, or a host in its environment or command).
func opsDumps(g *infra.Graph, b opsBackup, data []opsMount) bool {
	if !b.dumps {
		return false
	}
	for _, m := range data {
		if img := opsImage(g, m.svc); img != "" && opsIsDatabase(img) && opsTalksTo(b.svc, m.svc) {
			return true
		}
	}
	return false
}

// opsRemoteVolume says what stores a volume off the host (a volume
// driver plugin, or the local driver mounting NFS or CIFS), or "".
func opsRemoteVolume(v *infra.Resource) string {
	driver := str(v.Attrs.Get("driver"))
	if driver != "" && driver != "local" {
		return "volume driver " + driver
	}
	switch t := str(v.Attrs.Get("driver_opts").Field("type")); t {
	case "nfs", "nfs4", "cifs", "smb":
		return "an " + t + " share"
	}
	return ""
}
