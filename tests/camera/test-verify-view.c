/* test-verify-view.c: every input of the Verify view ends in one code-read, in a real window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <adwaita.h>
#include <string.h>

#include "fake-cameras.h"
#include "pd-camera-preview.h"
#include "pd-test-util.h"
#include "pd-verify-view.h"
#include "qr-frames.h"

typedef struct
{
  char         *dir;
  GtkWindow    *window;
  PdVerifyView *view;
  GPtrArray    *codes;
} Fixture;

static void
on_code_read_cb (PdVerifyView *view,
                 PdCode       *code,
                 Fixture      *fixture)
{
  g_ptr_array_add (fixture->codes, g_object_ref (code));
}

static gboolean
on_timeout_cb (gpointer data)
{
  gboolean *timed_out = data;

  *timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

static gboolean
wait_for_codes (Fixture *fixture,
                guint    n_codes,
                guint    timeout_ms)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add (timeout_ms, on_timeout_cb, &timed_out);

  while (!timed_out && fixture->codes->len < n_codes)
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (id);

  return !timed_out;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  pipeline)
{
  if (pipeline != NULL)
    g_setenv ("PERMITDESK_CAMERA_PIPELINE", pipeline, TRUE);
  else
    g_unsetenv ("PERMITDESK_CAMERA_PIPELINE");

  fixture->dir = pd_test_make_tmpdir ("pd-verify-view-XXXXXX");
  fixture->codes = g_ptr_array_new_with_free_func (g_object_unref);
  fixture->window = GTK_WINDOW (adw_window_new ());
  gtk_window_set_default_size (fixture->window, 1000, 650);
  fixture->view = PD_VERIFY_VIEW (pd_verify_view_new ());
  adw_window_set_content (ADW_WINDOW (fixture->window), GTK_WIDGET (fixture->view));
  g_signal_connect (fixture->view, "code-read", G_CALLBACK (on_code_read_cb), fixture);
  gtk_window_present (fixture->window);

  while (!gtk_widget_get_mapped (GTK_WIDGET (fixture->view)))
    g_main_context_iteration (NULL, TRUE);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (fixture->window);
  g_clear_pointer (&fixture->codes, g_ptr_array_unref);
  pd_test_rm_rf (fixture->dir);
  g_clear_pointer (&fixture->dir, g_free);
  g_unsetenv ("PERMITDESK_CAMERA_PIPELINE");
}

static GtkWidget *
find_widget (GtkWidget  *widget,
             GType       type,
             const char *label_text)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type) &&
      (label_text == NULL ||
       (GTK_IS_LABEL (widget) && gtk_widget_is_drawable (widget) &&
        strstr (gtk_label_get_text (GTK_LABEL (widget)), label_text) != NULL)))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, type, label_text);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* A label with this text that the user can see. */
static gboolean
shows_text (Fixture    *fixture,
            const char *text)
{
  return find_widget (GTK_WIDGET (fixture->window), GTK_TYPE_LABEL, text) != NULL;
}

static GtkEventController *
find_keyboard_wedge (Fixture *fixture)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (fixture->window));

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (g_strcmp0 (gtk_event_controller_get_name (controller), "pd-verify-keyboard-wedge") == 0)
        return controller;
    }

  g_assert_not_reached ();
}

/* Key presses as the window's key controller receives them, gap_ms apart. Without real events
 * the view times keys by the clock, so the main loop (which may stall on a busy machine) only
 * runs after the last key. */
static gboolean
press_keys (Fixture    *fixture,
            const char *text,
            guint       gap_ms)
{
  GtkEventController *wedge = find_keyboard_wedge (fixture);
  gboolean handled = FALSE;

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      guint keyval = *p == '\n' ? GDK_KEY_Return : gdk_unicode_to_keyval (g_utf8_get_char (p));

      if (g_ascii_isupper (*p))
        g_signal_emit_by_name (wedge, "key-pressed", GDK_KEY_Shift_L, 0, 0, &handled);
      g_signal_emit_by_name (wedge, "key-pressed", keyval, 0,
                             g_ascii_isupper (*p) ? GDK_SHIFT_MASK : 0, &handled);
      g_usleep (gap_ms * 1000);
    }
  while (g_main_context_iteration (NULL, FALSE))
    ;

  return handled;
}

static void
test_no_camera (Fixture       *fixture,
                gconstpointer  data)
{
  PdCamera *camera = pd_verify_view_get_camera (fixture->view);

  g_assert_cmpint (pd_camera_get_state (camera), ==, PD_CAMERA_STATE_NO_CAMERA);
  g_assert_true (shows_text (fixture, "No Camera"));
  g_assert_true (shows_text (fixture, "Connect a webcam"));
}

static void
test_scanner_burst_is_one_code (Fixture       *fixture,
                                gconstpointer  data)
{
  PdCode *code;

  g_assert_true (press_keys (fixture, "PDT1.Ab-123456789012345678\n", 4));

  g_assert_cmpuint (fixture->codes->len, ==, 1);
  code = g_ptr_array_index (fixture->codes, 0);
  g_assert_cmpstr (pd_code_get_text (code), ==, "PDT1.Ab-123456789012345678");
  g_assert_cmpint (pd_code_get_source (code), ==, PD_CODE_SOURCE_SCANNER);
  g_assert_true (shows_text (fixture, "PDT1.Ab-123456789012345678"));
  g_assert_true (shows_text (fixture, pd_code_source_to_label (PD_CODE_SOURCE_SCANNER)));
}

static void
test_burst_in_focused_entry_is_one_code (Fixture       *fixture,
                                         gconstpointer  data)
{
  GtkWidget *entry = find_widget (GTK_WIDGET (fixture->view), ADW_TYPE_ENTRY_ROW, NULL);
  PdCode *code;

  /* The entry got the keys too (as it would from real events): they are taken out again. */
  gtk_widget_grab_focus (entry);
  gtk_editable_set_text (GTK_EDITABLE (entry), "123456789012345678");
  g_assert_true (press_keys (fixture, "123456789012345678\n", 4));

  g_assert_cmpuint (fixture->codes->len, ==, 1);
  code = g_ptr_array_index (fixture->codes, 0);
  g_assert_cmpint (pd_code_get_source (code), ==, PD_CODE_SOURCE_SCANNER);
  g_assert_cmpint (pd_code_get_format (code), ==, PD_CODE_FORMAT_PERMIT_NUMBER);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "");
}

static void
test_slow_typing_goes_to_entry (Fixture       *fixture,
                                gconstpointer  data)
{
  GtkWidget *entry = find_widget (GTK_WIDGET (fixture->view), ADW_TYPE_ENTRY_ROW, NULL);
  GtkWidget *focus;

  /* A person starts typing with the focus elsewhere: no scanner code, the key lands in the
   * entry, which takes the focus (and with it the following keys). */
  g_assert_true (press_keys (fixture, "7", 200));   /* held back: it may start a scan */
  g_assert_false (press_keys (fixture, "\n", 0));
  g_assert_cmpuint (fixture->codes->len, ==, 0);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "7");
  focus = gtk_root_get_focus (GTK_ROOT (fixture->window));
  g_assert_true (focus != NULL && gtk_widget_is_ancestor (focus, entry));
}

static void
test_typed_code (Fixture       *fixture,
                 gconstpointer  data)
{
  GtkWidget *entry = find_widget (GTK_WIDGET (fixture->view), ADW_TYPE_ENTRY_ROW, NULL);
  PdCode *code;

  gtk_editable_set_text (GTK_EDITABLE (entry), "  1234 5678 9012-3456 78 ");
  g_signal_emit_by_name (entry, "entry-activated");

  g_assert_cmpuint (fixture->codes->len, ==, 1);
  code = g_ptr_array_index (fixture->codes, 0);
  g_assert_cmpstr (pd_code_get_text (code), ==, "1234 5678 9012-3456 78");
  g_assert_cmpint (pd_code_get_source (code), ==, PD_CODE_SOURCE_TYPED);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "");
  g_assert_true (shows_text (fixture, pd_code_format_to_label (PD_CODE_FORMAT_PERMIT_NUMBER)));
  g_assert_true (shows_text (fixture, pd_code_source_to_label (PD_CODE_SOURCE_TYPED)));
}

static void
test_image_file (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "card.png", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  PdCode *code;

  pd_test_write_qr_png ("张伟 外国人工作许可 电子社保卡", 600, 600, path);
  pd_verify_view_open_file (fixture->view, file);
  g_assert_true (wait_for_codes (fixture, 1, 10000));

  code = g_ptr_array_index (fixture->codes, 0);
  g_assert_cmpstr (pd_code_get_text (code), ==, "张伟 外国人工作许可 电子社保卡");
  g_assert_cmpint (pd_code_get_source (code), ==, PD_CODE_SOURCE_IMAGE);
  g_assert_cmpstr (pd_code_get_file (code), ==, path);
  g_assert_true (shows_text (fixture, "card.png"));
}

static void
test_file_without_code (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "blank.png", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  pd_test_write_qr_png (NULL, 300, 200, path);
  pd_verify_view_open_file (fixture->view, file);
  while (!shows_text (fixture, "blank.png"))
    g_main_context_iteration (NULL, TRUE);

  g_assert_cmpuint (fixture->codes->len, ==, 0);
  g_assert_true (shows_text (fixture, "No QR code"));
}

static void
test_paste_text (Fixture       *fixture,
                 gconstpointer  data)
{
  PdCode *code;

  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (fixture->view)),
                          "PD-PASTED-CODE\n");
  gtk_widget_activate_action (GTK_WIDGET (fixture->view), "verify.paste", NULL);
  g_assert_true (wait_for_codes (fixture, 1, 5000));

  code = g_ptr_array_index (fixture->codes, 0);
  g_assert_cmpstr (pd_code_get_text (code), ==, "PD-PASTED-CODE");
  g_assert_cmpint (pd_code_get_source (code), ==, PD_CODE_SOURCE_CLIPBOARD);
}

static void
test_paste_image (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GdkPixbuf) pixbuf = pd_test_qr_pixbuf ("PD-PASTED-IMAGE", 400, 300);
  g_autoptr(GdkTexture) texture = gdk_texture_new_for_pixbuf (pixbuf);
  PdCode *code;

  gdk_clipboard_set_texture (gtk_widget_get_clipboard (GTK_WIDGET (fixture->view)), texture);
  gtk_widget_activate_action (GTK_WIDGET (fixture->view), "verify.paste", NULL);
  g_assert_true (wait_for_codes (fixture, 1, 5000));

  code = g_ptr_array_index (fixture->codes, 0);
  g_assert_cmpstr (pd_code_get_text (code), ==, "PD-PASTED-IMAGE");
  g_assert_cmpint (pd_code_get_source (code), ==, PD_CODE_SOURCE_CLIPBOARD);
}

static void
test_camera_code_outlined (Fixture       *fixture,
                           gconstpointer  data)
{
  PdCameraPreview *preview;
  PdCode *code;

  g_assert_true (wait_for_codes (fixture, 1, 10000));
  code = g_ptr_array_index (fixture->codes, 0);
  g_assert_cmpstr (pd_code_get_text (code), ==, "PD-VIEW-CAMERA");
  g_assert_cmpint (pd_code_get_source (code), ==, PD_CODE_SOURCE_CAMERA);

  preview = PD_CAMERA_PREVIEW (find_widget (GTK_WIDGET (fixture->view),
                                            PD_TYPE_CAMERA_PREVIEW, NULL));
  g_assert_nonnull (pd_camera_preview_get_frame (preview));
  g_assert_cmpuint (pd_camera_preview_get_n_corners (preview), ==, 4);
  g_assert_true (shows_text (fixture, "Code found"));

  /* Pausing through the view's action releases the camera. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->view), "verify.pause", NULL);
  g_assert_true (pd_verify_view_get_paused (fixture->view));
  g_assert_cmpint (pd_camera_get_state (pd_verify_view_get_camera (fixture->view)), ==,
                   PD_CAMERA_STATE_STOPPED);
  g_assert_true (shows_text (fixture, "Camera paused"));
}

static gboolean
lists_camera (GtkDropDown *dropdown,
              const char  *name)
{
  GListModel *cameras = gtk_drop_down_get_model (dropdown);

  for (guint i = 0; i < g_list_model_get_n_items (cameras); i++)
    {
      g_autoptr(PdCameraDevice) device = g_list_model_get_item (cameras, i);

      if (g_strcmp0 (pd_camera_device_get_display_name (device), name) == 0)
        return TRUE;
    }
  return FALSE;
}

static gboolean
on_too_late_cb (gpointer data)
{
  g_error ("the camera list did not follow");
  return G_SOURCE_REMOVE;
}

static void
wait_for_listing (GtkDropDown *dropdown,
                  const char  *name,
                  gboolean     listed)
{
  guint timeout = g_timeout_add_seconds (10, on_too_late_cb, NULL);

  while (lists_camera (dropdown, name) != listed)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (timeout);
}

/* A webcam plugged in while the view is shown appears in its camera list at
 * once, and goes when unplugged; the camera in use stays selected. */
static void
test_camera_list_follows_plugging (Fixture       *fixture,
                                   gconstpointer  data)
{
  GtkDropDown *dropdown = GTK_DROP_DOWN (find_widget (GTK_WIDGET (fixture->view), GTK_TYPE_DROP_DOWN, NULL));
  GstDevice *device;

  g_assert_nonnull (dropdown);
  g_assert_false (lists_camera (dropdown, "PermitDesk Test Camera"));
  g_assert_cmpuint (gtk_drop_down_get_selected (dropdown), ==, 0);   /* Automatic */

  device = pd_fake_cameras_plug ("PermitDesk Test Camera", "/dev/pd-test-camera1");
  wait_for_listing (dropdown, "PermitDesk Test Camera", TRUE);
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (dropdown)));
  g_assert_cmpuint (gtk_drop_down_get_selected (dropdown), ==, 0);

  pd_fake_cameras_unplug (device);
  wait_for_listing (dropdown, "PermitDesk Test Camera", FALSE);
  g_assert_cmpuint (gtk_drop_down_get_selected (dropdown), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *frames_dir = NULL;
  g_autofree char *camera_pipeline = NULL;
  int ret;

  g_test_init (&argc, &argv, NULL);
  if (!gtk_init_check ())
    {
      g_test_skip ("No display: run under xvfb-run");
      return g_test_run ();
    }
  adw_init ();
  pd_fake_cameras_register ();

  frames_dir = pd_test_make_tmpdir ("pd-verify-frames-XXXXXX");
  {
    const char * const texts[] = { "PD-VIEW-CAMERA", NULL };
    g_autofree char *location = pd_test_write_frames (frames_dir, texts, 1, 640, 480);

    camera_pipeline = g_strdup_printf ("multifilesrc location=\"%s\" loop=true "
                                       "caps=image/png,framerate=15/1 ! pngdec ! videoconvert",
                                       location);
  }

#define ADD(path, data, func) \
  g_test_add (path, Fixture, data, fixture_set_up, func, fixture_tear_down)
  ADD ("/verify-view/works-without-camera", NULL, test_no_camera);
  ADD ("/verify-view/scanner-burst-is-one-code", NULL, test_scanner_burst_is_one_code);
  ADD ("/verify-view/scanner-burst-in-focused-entry-is-one-code", NULL,
       test_burst_in_focused_entry_is_one_code);
  ADD ("/verify-view/slow-typing-goes-to-entry", NULL, test_slow_typing_goes_to_entry);
  ADD ("/verify-view/typed-code", NULL, test_typed_code);
  ADD ("/verify-view/image-file", NULL, test_image_file);
  ADD ("/verify-view/file-without-code-shows-error", NULL, test_file_without_code);
  ADD ("/verify-view/paste-text", NULL, test_paste_text);
  ADD ("/verify-view/paste-image", NULL, test_paste_image);
  ADD ("/verify-view/camera-code-outlined", camera_pipeline, test_camera_code_outlined);
  ADD ("/verify-view/camera-list-follows-plugging", NULL, test_camera_list_follows_plugging);
#undef ADD

  ret = g_test_run ();
  pd_test_rm_rf (frames_dir);

  return ret;
}
