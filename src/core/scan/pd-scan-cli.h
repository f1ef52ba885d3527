/* pd-scan-cli.h: permitdesk --decode FILE...
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <stdio.h>
#include <glib.h>

G_BEGIN_DECLS

int pd_scan_cli_decode (const char * const *files,
                        FILE               *out);

G_END_DECLS
