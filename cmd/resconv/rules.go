package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"text/tabwriter"

	"github.com/urfave/cli/v3"

	"github.com/resconv/resconv/rules"
)

// readRuleFiles reads the --rules files.
func readRuleFiles(paths []string) ([]rules.NamedData, error) {
	var out []rules.NamedData
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			return nil, err
		}
		out = append(out, rules.NamedData{Name: p, Data: data})
	}
	return out, nil
}

// rulesCommand is "resconv rules": list, show and check rule files.
func rulesCommand(stdout io.Writer) *cli.Command {
	setFlags := []cli.Flag{
		&cli.StringFlag{Name: "lang", Value: "eng", Usage: "`LANGUAGE` whose rules to use. Example: --lang fra"},
		&cli.StringFlag{Name: "body", Value: "ga", Usage: "`BODY` whose rules to use. Example: --body sc"},
		&cli.StringFlag{Name: "layout", Value: "ods", Usage: "`LAYOUT` whose rules to use. Example: --layout pdf"},
		&cli.StringSliceFlag{Name: "rules", Usage: "user rule `FILE` on top of the built-in ones. Example: --rules my.yaml"},
	}
	load := func(cmd *cli.Command) (*rules.Set, error) {
		user, err := readRuleFiles(cmd.StringSlice("rules"))
		if err != nil {
			return nil, err
		}
		return rules.Load(rules.Options{Language: rules.Canonical(cmd.String("lang")), Body: cmd.String("body"),
			Layout: cmd.String("layout"), Extra: user})
	}
	return &cli.Command{
		Name:  "rules",
		Usage: "list, show and check rule files",
		Description: `Rules say what a language, a UN body and an input layout look like. The
built-in rule files are embedded in resconv; --rules FILE adds or
overrides rules by name. See docs/rules.md for the format.

Examples:
   resconv rules list --lang fra
   resconv rules show ods.page-footer
   resconv rules check myquirks.yaml`,
		Commands: []*cli.Command{{
			Name:      "list",
			Usage:     "list the rules of a language, body and layout",
			UsageText: "resconv rules list [--lang eng] [--body ga] [--layout ods] [--rules FILE]",
			Flags:     setFlags,
			Action: func(_ context.Context, cmd *cli.Command) error {
				rs, err := load(cmd)
				if err != nil {
					return err
				}
				tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
				fmt.Fprintln(tw, "NAME\tSTAGE\tACTION\tSOURCE\tNOTE")
				for _, r := range rs.Rules() {
					fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", r.Name, r.Stage, r.Action, r.Source, offNote(r))
				}
				return tw.Flush()
			},
		}, {
			Name:      "show",
			Usage:     "show one rule: its pattern with the placeholders filled in, and its doc",
			UsageText: "resconv rules show NAME [--lang eng] [--body ga] [--layout ods] [--rules FILE]",
			Flags:     setFlags,
			Action: func(_ context.Context, cmd *cli.Command) error {
				name := cmd.Args().First()
				if name == "" {
					return usageError{errors.New("rules show needs a rule NAME (see resconv rules list)")}
				}
				rs, err := load(cmd)
				if err != nil {
					return err
				}
				for _, r := range rs.Rules() {
					if r.Name != name {
						continue
					}
					fmt.Fprintf(stdout, "name:     %s\nstage:    %s\naction:   %s\nsource:   %s\npattern:  %s\n", r.Name, r.Stage, r.Action, r.Source, r.Pattern)
					if r.After != "" {
						fmt.Fprintf(stdout, "after:    %s\n", r.After)
					}
					if r.Off != "" {
						fmt.Fprintf(stdout, "off:      %s\n", r.Off)
					} else {
						fmt.Fprintf(stdout, "expanded: %s\n", r.Regexp())
					}
					if r.Doc != "" {
						fmt.Fprintf(stdout, "doc:      %s\n", strings.TrimSpace(r.Doc))
					}
					return nil
				}
				return fmt.Errorf("no rule %q for %s/%s/%s (see resconv rules list)", name, cmd.String("lang"), cmd.String("body"), cmd.String("layout"))
			},
		}, {
			Name:      "check",
			Usage:     "check rule files: exit 1 with FILE:LINE:COL: message on any error",
			UsageText: "resconv rules check [--lang eng] [--body ga] [--layout ods] FILE...",
			Flags:     setFlags[:3],
			Action: func(_ context.Context, cmd *cli.Command) error {
				if cmd.NArg() == 0 {
					return usageError{errors.New("rules check needs a rule FILE")}
				}
				bad := 0
				for _, p := range cmd.Args().Slice() {
					data, err := os.ReadFile(p)
					if err == nil {
						_, err = rules.Parse(p, data)
					}
					if err == nil {
						// placeholders and patterns as they are compiled
						var rs *rules.Set
						rs, err = rules.Load(rules.Options{Language: rules.Canonical(cmd.String("lang")), Body: cmd.String("body"),
							Layout: cmd.String("layout"), Extra: []rules.NamedData{{Name: p, Data: data}}})
						if err == nil {
							for _, r := range rs.Rules() {
								if r.Off != "" && strings.HasPrefix(r.Source, p+":") {
									fmt.Fprintf(stdout, "%s: warning: rule %s is off for %s/%s: %s\n", r.Source, r.Name, cmd.String("lang"), cmd.String("body"), r.Off)
								}
							}
						}
					}
					if err != nil {
						fmt.Fprintln(stdout, err)
						bad++
						continue
					}
					fmt.Fprintf(stdout, "%s: ok\n", p)
				}
				if bad > 0 {
					return errReported
				}
				return nil
			},
		}},
	}
}

func offNote(r *rules.Rule) string {
	if r.Off != "" {
		return "off: " + r.Off
	}
	return ""
}
