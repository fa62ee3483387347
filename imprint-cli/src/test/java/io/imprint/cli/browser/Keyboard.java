package io.imprint.cli.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.interactions.Actions;

/** A keyboard user: Tab through a page's focusable elements, Enter on the focused one. */
final class Keyboard {
    private static final int MAX_TABS = 80;

    private Keyboard() {
    }

    /** Presses Tab until the element with id {@code id} has the focus; returns the ids focused on the way. */
    static List<String> tabTo(WebDriver driver, String id) {
        List<String> passed = new ArrayList<>();
        for (int i = 0; i < MAX_TABS; i++) {
            new Actions(driver).sendKeys(Keys.TAB).perform();
            String focused = driver.switchTo().activeElement().getDomAttribute("id");
            if (id.equals(focused)) {
                return passed;
            }
            passed.add(String.valueOf(focused));
        }
        assertThat(passed).as("#" + id + " never got the focus by Tab").contains(id);
        return passed;
    }

    static void enter(WebDriver driver) {
        new Actions(driver).sendKeys(Keys.ENTER).perform();
    }
}
