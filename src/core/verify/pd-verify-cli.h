/* pd-verify-cli.h: `permitdesk --verify FILE|TEXT...`
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <stdio.h>
#include <glib.h>

G_BEGIN_DECLS

/* Exit codes: the worst verdict over all inputs wins. */
#define PD_VERIFY_CLI_VALID        0
#define PD_VERIFY_CLI_INVALID      1
#define PD_VERIFY_CLI_CHECK_NEEDED 2

int pd_verify_cli_run (const char * const *inputs,
                       FILE               *out);

G_END_DECLS
