// The results as a PNG bar chart (java.awt, headless): per workload, the CPU backend's GB/s next
// to the copy floor's, labelled with the ratio of their times; a panel per size group, each with
// its own scale (a cache-resident copy of 32 KiB is ten times faster than one of 512 MiB).
package dev.tmc.bench;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

final class ResultsChart {
    private static final int WIDTH = 1100;
    private static final int LABEL_WIDTH = 330;
    private static final int ROW_HEIGHT = 46;
    private static final int TOP = 60;
    private static final int PANEL_TITLE = 30;
    private static final int AXIS = 50;
    private static final Color CPU = new Color(0x2b6cb0);
    private static final Color FLOOR = new Color(0xa0aec0);

    private ResultsChart() {
    }

    static void write(List<BenchReport.Group> groups, String title, Path png) throws IOException {
        System.setProperty("java.awt.headless", "true");
        int height = TOP;
        for (BenchReport.Group group : groups) {
            height += PANEL_TITLE + group.rows().size() * ROW_HEIGHT + AXIS;
        }
        BufferedImage image = new BufferedImage(WIDTH, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, WIDTH, height);
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
            g.drawString(title, 12, 24);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            legend(g, LABEL_WIDTH, 42);
            int y = TOP;
            for (BenchReport.Group group : groups) {
                y = panel(g, group, y);
            }
        } finally {
            g.dispose();
        }
        ImageIO.write(image, "png", png.toFile());
    }

    /** One size group's bars from {@code top}; returns where the next panel starts. */
    private static int panel(Graphics2D g, BenchReport.Group group, int top) {
        List<WorkloadResult> rows = group.rows();
        double max = 1e-9;
        for (WorkloadResult r : rows) {
            max = Math.max(max, Math.max(r.cpuGigabytesPerSecond(), r.floorGigabytesPerSecond()));
        }
        int plotWidth = WIDTH - LABEL_WIDTH - 90;
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
        g.drawString(group.size() + " sizes", 12, top + 18);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        int rowsTop = top + PANEL_TITLE;
        for (int i = 0; i < rows.size(); i++) {
            WorkloadResult r = rows.get(i);
            int y = rowsTop + i * ROW_HEIGHT;
            g.setColor(Color.BLACK);
            g.drawString(r.workload().name() + " " + r.dtype() + " [" + r.workload().shapeLabel() + "]", 12, y + 16);
            g.drawString("×" + Format.factor(r.ratioToFloor()) + " of floor", 12, y + 32);
            bar(g, y + 2, r.cpuGigabytesPerSecond(), max, plotWidth, CPU);
            bar(g, y + 20, r.floorGigabytesPerSecond(), max, plotWidth, FLOOR);
        }
        int axisY = rowsTop + rows.size() * ROW_HEIGHT + 4;
        g.setColor(Color.DARK_GRAY);
        g.setStroke(new BasicStroke(1));
        g.drawLine(LABEL_WIDTH, axisY, LABEL_WIDTH + plotWidth, axisY);
        for (int t = 0; t <= 4; t++) {
            int x = LABEL_WIDTH + plotWidth * t / 4;
            g.drawLine(x, axisY, x, axisY + 4);
            g.drawString(Format.digits(max * t / 4), x - 10, axisY + 18);
        }
        g.drawString("GB/s (minimal bytes / median time)", LABEL_WIDTH + plotWidth / 2 - 100, axisY + 34);
        return axisY + AXIS - 4;
    }

    private static void bar(Graphics2D g, int y, double value, double max, int plotWidth, Color color) {
        int w = (int) Math.round(plotWidth * value / max);
        g.setColor(color);
        g.fillRect(LABEL_WIDTH, y, Math.max(1, w), 16);
        g.setColor(Color.BLACK);
        g.drawString(Format.rate(value), LABEL_WIDTH + Math.max(1, w) + 6, y + 13);
    }

    private static void legend(Graphics2D g, int x, int y) {
        g.setColor(CPU);
        g.fillRect(x, y - 10, 12, 12);
        g.setColor(Color.BLACK);
        g.drawString("CPU backend", x + 18, y);
        g.setColor(FLOOR);
        g.fillRect(x + 130, y - 10, 12, 12);
        g.setColor(Color.BLACK);
        g.drawString("copy floor (same bytes)", x + 148, y);
    }
}
