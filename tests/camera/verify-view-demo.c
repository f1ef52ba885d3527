/* verify-view-demo.c: the Verify view alone in a window, for screenshots and trying it by hand
 *
 * Usage: verify-view-demo [QR-TEXT]
 * The camera follows PERMITDESK_CAMERA_PIPELINE; with QR-TEXT and no pipeline set, the camera
 * shows a generated card with that code.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <adwaita.h>

#include "pd-test-util.h"
#include "pd-verify-view.h"
#include "qr-frames.h"

int
main (int   argc,
      char *argv[])
{
  g_autofree char *frames_dir = NULL;
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  GtkWindow *window;

  gtk_init ();
  adw_init ();

  if (argc > 1 && g_getenv ("PERMITDESK_CAMERA_PIPELINE") == NULL)
    {
      const char * const texts[] = { argv[1], NULL };
      g_autofree char *location = NULL;
      g_autofree char *pipeline = NULL;

      frames_dir = pd_test_make_tmpdir ("pd-verify-demo-XXXXXX");
      location = pd_test_write_frames (frames_dir, texts, 1, 1280, 720);
      pipeline = g_strdup_printf ("multifilesrc location=\"%s\" loop=true "
                                  "caps=image/png,framerate=10/1 ! pngdec ! videoconvert",
                                  location);
      g_setenv ("PERMITDESK_CAMERA_PIPELINE", pipeline, TRUE);
    }

  window = GTK_WINDOW (adw_window_new ());
  gtk_window_set_title (window, "PermitDesk");
  gtk_window_set_default_size (window, 1200, 760);
  adw_window_set_content (ADW_WINDOW (window), pd_verify_view_new ());
  g_signal_connect_swapped (window, "destroy", G_CALLBACK (g_main_loop_quit), loop);
  gtk_window_present (window);
  g_main_loop_run (loop);

  if (frames_dir != NULL)
    pd_test_rm_rf (frames_dir);

  return 0;
}
