package ansible

import (
	"regexp"
	"strings"

	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/infra"
	"github.com/prodgrade/prodgrade/internal/rules"
)

// dbServerPackage matches the packages of a database server (not its
// client): PostgreSQL, MySQL, MariaDB, Percona, MongoDB.
var dbServerPackage = regexp.MustCompile(`^(postgresql(\d+)?(-server)?([-=]\d[\w.*:-]*)?|postgresql\d*-server|mysql-server([-=].*)?|mysql-community-server|mariadb-server([-=].*)?|percona-server-server.*|mongodb-org(-server)?([-=].*)?|mongodb-server)$`)

// backupTools are programs and packages that take database backups.
var backupTools = []string{
	"pg_dump", "pg_basebackup", "pgbackrest", "barman", "wal-g", "wal-e", "mysqldump", "mariadb-dump",
	"mariabackup", "xtrabackup", "mydumper", "mongodump", "automysqlbackup", "autopostgresqlbackup",
	"restic", "borg", "backup",
}

func init() {
	rules.Register(&rules.Rule{
		ID:       "ansible-database-backup",
		Item:     checklist.Backup,
		Severity: checklist.High,
		Title:    "A database server a playbook installs has a scheduled backup job (cron or systemd timer running pg_dump, mysqldump, pgBackRest…)",
		Why: "A database on a server has no backups unless something takes them: a bad migration, a deleted " +
			"table or a lost disk is then unrecoverable. Schedule the dump or base backup with the database " +
			"and send it off the host, where losing the server does not lose the backup.",
		Fix: `- name: Back up the database every night, off the host
  ansible.builtin.cron:
    name: pg_dump app
    user: postgres
    hour: "2"
    minute: "30"
    job: "pg_dump -Fc app | aws s3 cp - s3://example-db-backups/app-$(date +\%F).dump"`,
		References: []string{
			"https://www.postgresql.org/docs/current/backup.html",
			"https://dev.mysql.com/doc/refman/8.0/en/backup-methods.html",
		},
		Kinds:         playKinds,
		CrossResource: true,
		Check: func(c *rules.Check) {
			if localOnly(c.R) {
				return
			}
			db := ""
			for _, t := range playTasks(c) {
				for _, p := range packagesOf(t) {
					if dbServerPackage.MatchString(p) {
						db = p
					}
				}
			}
			if db == "" {
				return
			}
			ev := findEvidence(c, scheduledBackup, func(n string) string {
				return containsAny(n, []string{"backup", "pgbackrest", "barman", "wal-g", "wal_g"})
			})
			if ev != nil {
				c.Pass("%s is installed and a backup is scheduled: %s; check that it copies off the host", db, ev.what)
				return
			}
			missing(c, "the play installs "+db+" but no cron job, cron file or systemd timer of the playbook runs a backup "+
				"(looked for pg_dump, pg_basebackup, pgbackrest, barman, wal-g, mysqldump, mariabackup, xtrabackup, mongodump, restic, borg)")
		},
	})
}

// scheduledBackup says what backup a task schedules: a cron job running a
// backup tool, a file written into /etc/cron.* or a systemd timer or
// service named for one, or a package (barman, automysqlbackup) that
// schedules itself.
func scheduledBackup(t *infra.Resource) string {
	m := module(t)
	switch {
	case m == "cron":
		if w := containsAny(text(t), backupTools); w != "" {
			return "cron job running " + w
		}
		if n, ok := str(arg(t, "name")); ok {
			if w := containsAny(strings.ToLower(n), backupTools); w != "" {
				return "cron job " + w
			}
		}
	case writesFiles[m]:
		d := strings.ToLower(destPath(t))
		if strings.HasPrefix(d, "/etc/cron") || strings.HasSuffix(d, ".timer") || strings.HasSuffix(d, ".service") ||
			strings.HasPrefix(d, "/var/spool/cron") {
			if w := containsAny(text(t), backupTools); w != "" {
				return "scheduled " + w + " in " + d
			}
		}
	case m == "systemd" || m == "systemd_service" || m == "service":
		if n, ok := str(arg(t, "name")); ok && strings.HasSuffix(n, ".timer") {
			if w := containsAny(strings.ToLower(n), backupTools); w != "" {
				return "systemd timer " + n
			}
		}
	}
	for _, p := range packagesOf(t) {
		switch strings.SplitN(p, "=", 2)[0] {
		case "barman", "barman-cli", "automysqlbackup", "autopostgresqlbackup":
			return "package " + p
		}
	}
	return ""
}
